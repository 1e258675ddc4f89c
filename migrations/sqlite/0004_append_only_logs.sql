-- 0004: the workflow execution log and the audit log are append-only: the database refuses to change or remove an entry.
CREATE TRIGGER "TR_WorkflowLog_AppendOnly_Update" BEFORE UPDATE ON "WorkflowLog"
BEGIN
    SELECT RAISE(ABORT, 'The workflow execution log is append-only: entries cannot be changed.');
END;

CREATE TRIGGER "TR_WorkflowLog_AppendOnly_Delete" BEFORE DELETE ON "WorkflowLog"
BEGIN
    SELECT RAISE(ABORT, 'The workflow execution log is append-only: entries cannot be removed.');
END;

CREATE TRIGGER "TR_AuditEntries_AppendOnly_Update" BEFORE UPDATE ON "AuditEntries"
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: entries cannot be changed.');
END;

CREATE TRIGGER "TR_AuditEntries_AppendOnly_Delete" BEFORE DELETE ON "AuditEntries"
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: entries cannot be removed.');
END;
