-- 0013: a workflow start recorded with the change that causes it (status 4, Starting) keeps who started it until the
-- engine starts it after the commit; events not yet taken are found by the delivery sweep through ConsumedAt.
ALTER TABLE "WorkflowInstances" ADD COLUMN "StartedBy" character varying(2000) NULL;

CREATE INDEX "IX_WorkflowEvents_ConsumedAt" ON "WorkflowEvents" ("ConsumedAt");

-- Each execution log entry's place in its instance's history, so that entries written by one operation (which share a
-- time) read in the order they happened. Entries written before this are numbered by time and id; the log is
-- append-only, so its trigger is set aside for that one numbering.
ALTER TABLE "WorkflowInstances" ADD COLUMN "LogLength" integer NOT NULL DEFAULT 0;
ALTER TABLE "WorkflowLog" ADD COLUMN "Position" integer NOT NULL DEFAULT 0;
ALTER TABLE "WorkflowLog" DISABLE TRIGGER "TR_WorkflowLog_AppendOnly";
UPDATE "WorkflowLog" AS "Entry" SET "Position" = "Numbered"."Position"
FROM (SELECT "Id", row_number() OVER (PARTITION BY "InstanceId" ORDER BY "At", "Id") AS "Position" FROM "WorkflowLog") AS "Numbered"
WHERE "Entry"."Id" = "Numbered"."Id";
ALTER TABLE "WorkflowLog" ENABLE TRIGGER "TR_WorkflowLog_AppendOnly";
UPDATE "WorkflowInstances" SET "LogLength" = (SELECT COUNT(*) FROM "WorkflowLog" WHERE "WorkflowLog"."InstanceId" = "WorkflowInstances"."Id");

CREATE INDEX "IX_WorkflowLog_InstanceId_Position" ON "WorkflowLog" ("InstanceId", "Position");
