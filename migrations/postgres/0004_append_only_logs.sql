-- 0004: the workflow execution log and the audit log are append-only: the database refuses to change or remove an entry.
CREATE FUNCTION "RefuseChangeToAppendOnlyLog"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The % table is append-only: entries cannot be changed or removed.', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER "TR_WorkflowLog_AppendOnly" BEFORE UPDATE OR DELETE ON "WorkflowLog"
    FOR EACH ROW EXECUTE FUNCTION "RefuseChangeToAppendOnlyLog"();

CREATE TRIGGER "TR_AuditEntries_AppendOnly" BEFORE UPDATE OR DELETE ON "AuditEntries"
    FOR EACH ROW EXECUTE FUNCTION "RefuseChangeToAppendOnlyLog"();
