-- 0310: Police and Crime Plans set up in the service: outcomes at plan level (mapped to the priorities that serve
-- them) as well as under a priority, the measures funded projects report per outcome, and the wording a published
-- plan's priority had before each change.
ALTER TABLE "PlanOutcomes" ADD COLUMN "PlanId" uuid;
ALTER TABLE "PlanOutcomes" ALTER COLUMN "PriorityId" DROP NOT NULL;
ALTER TABLE "PlanOutcomes" ADD CONSTRAINT "CK_PlanOutcomes_OneLevel" CHECK (("PlanId" IS NULL) <> ("PriorityId" IS NULL));
ALTER TABLE "PlanOutcomes" ADD CONSTRAINT "FK_PlanOutcomes_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE;
CREATE UNIQUE INDEX "IX_PlanOutcomes_PlanId_Order" ON "PlanOutcomes" ("PlanId", "Order");

CREATE TABLE "PlanOutcomePriorities" (
    "PriorityId" uuid NOT NULL,
    "OutcomeId" uuid NOT NULL,
    CONSTRAINT "PK_PlanOutcomePriorities" PRIMARY KEY ("OutcomeId", "PriorityId"),
    CONSTRAINT "FK_PlanOutcomePriorities_PlanOutcomes_OutcomeId" FOREIGN KEY ("OutcomeId") REFERENCES "PlanOutcomes" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PlanOutcomePriorities_PlanPriorities_PriorityId" FOREIGN KEY ("PriorityId") REFERENCES "PlanPriorities" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_PlanOutcomePriorities_PriorityId" ON "PlanOutcomePriorities" ("PriorityId");

CREATE TABLE "OutcomeMeasures" (
    "Id" uuid NOT NULL,
    "OutcomeId" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Unit" character varying(60) NOT NULL,
    "Direction" integer NOT NULL,
    "Order" integer NOT NULL,
    CONSTRAINT "PK_OutcomeMeasures" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_OutcomeMeasures_PlanOutcomes_OutcomeId" FOREIGN KEY ("OutcomeId") REFERENCES "PlanOutcomes" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_OutcomeMeasures_OutcomeId_Order" ON "OutcomeMeasures" ("OutcomeId", "Order");

CREATE TABLE "PlanPriorityWordingChanges" (
    "Id" uuid NOT NULL,
    "PriorityId" uuid NOT NULL,
    "PreviousTitle" character varying(200) NOT NULL,
    "PreviousSummary" character varying(2000),
    "By" character varying(256) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_PlanPriorityWordingChanges" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PlanPriorityWordingChanges_PlanPriorities_PriorityId" FOREIGN KEY ("PriorityId") REFERENCES "PlanPriorities" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_PlanPriorityWordingChanges_PriorityId_At" ON "PlanPriorityWordingChanges" ("PriorityId", "At");
