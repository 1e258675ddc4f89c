-- 0070: a task that asks a grants officer to assign someone to a task copy nobody may take (e.g. a scoring copy
-- after the only other assessor declared a conflict) names that copy.
ALTER TABLE "WorkflowTasks" ADD COLUMN "ForTaskId" TEXT NULL;

CREATE INDEX "IX_WorkflowTasks_ForTaskId" ON "WorkflowTasks" ("ForTaskId");
