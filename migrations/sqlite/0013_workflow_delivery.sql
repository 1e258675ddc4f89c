-- 0013: a workflow start recorded with the change that causes it (status 4, Starting) keeps who started it until the
-- engine starts it after the commit; events not yet taken are found by the delivery sweep through ConsumedAt.
ALTER TABLE "WorkflowInstances" ADD COLUMN "StartedBy" TEXT NULL;

CREATE INDEX "IX_WorkflowEvents_ConsumedAt" ON "WorkflowEvents" ("ConsumedAt");

-- Each execution log entry's place in its instance's history, so that entries written by one operation (which share a
-- time) read in the order they happened. Entries written before this are numbered by time and id; the log is
-- append-only, so its trigger is set aside for that one numbering.
ALTER TABLE "WorkflowInstances" ADD COLUMN "LogLength" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "WorkflowLog" ADD COLUMN "Position" INTEGER NOT NULL DEFAULT 0;
DROP TRIGGER "TR_WorkflowLog_AppendOnly_Update";
UPDATE "WorkflowLog" SET "Position" = (
    SELECT COUNT(*) FROM "WorkflowLog" AS "Earlier"
    WHERE "Earlier"."InstanceId" = "WorkflowLog"."InstanceId"
      AND ("Earlier"."At" < "WorkflowLog"."At" OR ("Earlier"."At" = "WorkflowLog"."At" AND "Earlier"."Id" <= "WorkflowLog"."Id")));
CREATE TRIGGER "TR_WorkflowLog_AppendOnly_Update" BEFORE UPDATE ON "WorkflowLog"
BEGIN
    SELECT RAISE(ABORT, 'The workflow execution log is append-only: entries cannot be changed.');
END;
UPDATE "WorkflowInstances" SET "LogLength" = (SELECT COUNT(*) FROM "WorkflowLog" WHERE "WorkflowLog"."InstanceId" = "WorkflowInstances"."Id");

CREATE INDEX "IX_WorkflowLog_InstanceId_Position" ON "WorkflowLog" ("InstanceId", "Position");
