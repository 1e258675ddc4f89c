-- 0002: the workflow engine: instances, human tasks, timers, events, the execution log, incidents, published
-- definition versions and the history of scheduled job runs. Quartz creates its own QRTZ_ tables.
CREATE TABLE "ScheduledJobRuns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ScheduledJobRuns" PRIMARY KEY,
    "JobKey" TEXT NOT NULL,
    "Node" TEXT NOT NULL,
    "FiredAt" INTEGER NOT NULL,
    "DurationMilliseconds" REAL NOT NULL,
    "Succeeded" INTEGER NOT NULL,
    "Error" TEXT NULL
);

CREATE TABLE "WorkflowDefinitions" (
    "DefinitionId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "ContentHash" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "FirstUsedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_WorkflowDefinitions" PRIMARY KEY ("DefinitionId", "Version")
);

CREATE TABLE "WorkflowEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowEvents" PRIMARY KEY,
    "EventName" TEXT NOT NULL,
    "CorrelationId" TEXT NOT NULL,
    "Payload" TEXT NULL,
    "ReceivedAt" INTEGER NOT NULL,
    "ConsumedByInstanceId" TEXT NULL,
    "ConsumedAt" INTEGER NULL,
    "Revision" INTEGER NOT NULL
);

CREATE TABLE "WorkflowInstances" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowInstances" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "DefinitionVersion" INTEGER NOT NULL,
    "CorrelationId" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "CurrentActivityId" TEXT NOT NULL,
    "Outcome" TEXT NULL,
    "Variables" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "FinishedAt" INTEGER NULL,
    "Revision" INTEGER NOT NULL,
    "Visits" INTEGER NOT NULL
);

CREATE TABLE "WorkflowIncidents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowIncidents" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "ActivityId" TEXT NULL,
    "At" INTEGER NOT NULL,
    "Operation" TEXT NOT NULL,
    "Arguments" TEXT NOT NULL,
    "Message" TEXT NOT NULL,
    "Details" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "ResolvedAt" INTEGER NULL,
    "ResolvedBy" TEXT NULL,
    CONSTRAINT "FK_WorkflowIncidents_WorkflowInstances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "WorkflowLog" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowLog" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Actor" TEXT NOT NULL,
    "FromActivityId" TEXT NULL,
    "ToActivityId" TEXT NULL,
    "Outcome" TEXT NOT NULL,
    "Reason" TEXT NULL,
    CONSTRAINT "FK_WorkflowLog_WorkflowInstances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "WorkflowTasks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowTasks" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "Visit" INTEGER NOT NULL,
    "TaskKey" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "AssigneeUserId" TEXT NULL,
    "Outcomes" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DueAt" INTEGER NULL,
    "CompletedBy" TEXT NULL,
    "CompletedAt" INTEGER NULL,
    "Outcome" TEXT NULL,
    "Comment" TEXT NULL,
    "Data" TEXT NULL,
    "Revision" INTEGER NOT NULL,
    CONSTRAINT "FK_WorkflowTasks_WorkflowInstances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WorkflowTimers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowTimers" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "Visit" INTEGER NOT NULL,
    "TimerKey" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "DueAt" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "FiredAt" INTEGER NULL,
    "Revision" INTEGER NOT NULL,
    CONSTRAINT "FK_WorkflowTimers_WorkflowInstances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ScheduledJobRuns_JobKey_FiredAt" ON "ScheduledJobRuns" ("JobKey", "FiredAt");

CREATE INDEX "IX_WorkflowEvents_EventName_CorrelationId_ConsumedAt" ON "WorkflowEvents" ("EventName", "CorrelationId", "ConsumedAt");

CREATE INDEX "IX_WorkflowIncidents_InstanceId" ON "WorkflowIncidents" ("InstanceId");

CREATE INDEX "IX_WorkflowIncidents_ResolvedAt_At" ON "WorkflowIncidents" ("ResolvedAt", "At");

CREATE INDEX "IX_WorkflowInstances_CorrelationId" ON "WorkflowInstances" ("CorrelationId");

CREATE INDEX "IX_WorkflowInstances_DefinitionId_DefinitionVersion_Status" ON "WorkflowInstances" ("DefinitionId", "DefinitionVersion", "Status");

CREATE INDEX "IX_WorkflowLog_InstanceId_At" ON "WorkflowLog" ("InstanceId", "At");

CREATE INDEX "IX_WorkflowTasks_InstanceId_ActivityId_Visit" ON "WorkflowTasks" ("InstanceId", "ActivityId", "Visit");

CREATE INDEX "IX_WorkflowTasks_Status_AssigneeUserId" ON "WorkflowTasks" ("Status", "AssigneeUserId");

CREATE INDEX "IX_WorkflowTasks_Status_Role" ON "WorkflowTasks" ("Status", "Role");

CREATE INDEX "IX_WorkflowTimers_InstanceId" ON "WorkflowTimers" ("InstanceId");

CREATE INDEX "IX_WorkflowTimers_Status_DueAt" ON "WorkflowTimers" ("Status", "DueAt");
