-- 0002: the workflow engine: instances, human tasks, timers, events, the execution log, incidents, published
-- definition versions and the history of scheduled job runs. Quartz creates its own QRTZ_ tables.
CREATE TABLE "ScheduledJobRuns" (
    "Id" uuid NOT NULL,
    "JobKey" character varying(200) NOT NULL,
    "Node" character varying(200) NOT NULL,
    "FiredAt" timestamp with time zone NOT NULL,
    "DurationMilliseconds" double precision NOT NULL,
    "Succeeded" boolean NOT NULL,
    "Error" character varying(4000),
    CONSTRAINT "PK_ScheduledJobRuns" PRIMARY KEY ("Id")
);

CREATE TABLE "WorkflowDefinitions" (
    "DefinitionId" character varying(100) NOT NULL,
    "Version" integer NOT NULL,
    "ContentHash" character varying(64) NOT NULL,
    "FileName" character varying(200) NOT NULL,
    "FirstUsedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_WorkflowDefinitions" PRIMARY KEY ("DefinitionId", "Version")
);

CREATE TABLE "WorkflowEvents" (
    "Id" uuid NOT NULL,
    "EventName" character varying(100) NOT NULL,
    "CorrelationId" character varying(200) NOT NULL,
    "Payload" text,
    "ReceivedAt" timestamp with time zone NOT NULL,
    "ConsumedByInstanceId" uuid,
    "ConsumedAt" timestamp with time zone,
    "Revision" bigint NOT NULL,
    CONSTRAINT "PK_WorkflowEvents" PRIMARY KEY ("Id")
);

CREATE TABLE "WorkflowInstances" (
    "Id" uuid NOT NULL,
    "DefinitionId" character varying(100) NOT NULL,
    "DefinitionVersion" integer NOT NULL,
    "CorrelationId" character varying(200) NOT NULL,
    "Status" integer NOT NULL,
    "CurrentActivityId" character varying(100) NOT NULL,
    "Outcome" character varying(100),
    "Variables" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "FinishedAt" timestamp with time zone,
    "Revision" bigint NOT NULL,
    "Visits" integer NOT NULL,
    CONSTRAINT "PK_WorkflowInstances" PRIMARY KEY ("Id")
);

CREATE TABLE "WorkflowIncidents" (
    "Id" uuid NOT NULL,
    "InstanceId" uuid NOT NULL,
    "ActivityId" character varying(100),
    "At" timestamp with time zone NOT NULL,
    "Operation" character varying(50) NOT NULL,
    "Arguments" text NOT NULL,
    "Message" character varying(2000) NOT NULL,
    "Details" text,
    "Attempts" integer NOT NULL,
    "ResolvedAt" timestamp with time zone,
    "ResolvedBy" character varying(256),
    CONSTRAINT "PK_WorkflowIncidents" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WorkflowIncidents_WorkflowInstances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "WorkflowLog" (
    "Id" uuid NOT NULL,
    "InstanceId" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "Actor" character varying(256) NOT NULL,
    "FromActivityId" character varying(100),
    "ToActivityId" character varying(100),
    "Outcome" character varying(100) NOT NULL,
    "Reason" character varying(4000),
    CONSTRAINT "PK_WorkflowLog" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WorkflowLog_WorkflowInstances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "WorkflowTasks" (
    "Id" uuid NOT NULL,
    "InstanceId" uuid NOT NULL,
    "ActivityId" character varying(100) NOT NULL,
    "Visit" integer NOT NULL,
    "TaskKey" character varying(100) NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Role" character varying(100) NOT NULL,
    "AssigneeUserId" character varying(450),
    "Outcomes" character varying(1000) NOT NULL,
    "Status" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "DueAt" timestamp with time zone,
    "CompletedBy" character varying(256),
    "CompletedAt" timestamp with time zone,
    "Outcome" character varying(100),
    "Comment" character varying(4000),
    "Data" text,
    "Revision" bigint NOT NULL,
    CONSTRAINT "PK_WorkflowTasks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WorkflowTasks_WorkflowInstances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WorkflowTimers" (
    "Id" uuid NOT NULL,
    "InstanceId" uuid NOT NULL,
    "ActivityId" character varying(100) NOT NULL,
    "Visit" integer NOT NULL,
    "TimerKey" character varying(100) NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "DueAt" timestamp with time zone NOT NULL,
    "Status" integer NOT NULL,
    "FiredAt" timestamp with time zone,
    "Revision" bigint NOT NULL,
    CONSTRAINT "PK_WorkflowTimers" PRIMARY KEY ("Id"),
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
