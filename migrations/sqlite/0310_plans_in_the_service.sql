-- 0310: Police and Crime Plans set up in the service: outcomes at plan level (mapped to the priorities that serve
-- them) as well as under a priority, the measures funded projects report per outcome, and the wording a published
-- plan's priority had before each change. SQLite cannot make a column nullable in place, so PlanOutcomes is rebuilt.
CREATE TABLE "PlanOutcomes_rebuilt" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanOutcomes" PRIMARY KEY,
    "PlanId" TEXT NULL,
    "PriorityId" TEXT NULL,
    "Description" TEXT NOT NULL,
    "Order" INTEGER NOT NULL,
    CONSTRAINT "CK_PlanOutcomes_OneLevel" CHECK (("PlanId" IS NULL) <> ("PriorityId" IS NULL)),
    CONSTRAINT "FK_PlanOutcomes_PlanPriorities_PriorityId" FOREIGN KEY ("PriorityId") REFERENCES "PlanPriorities" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PlanOutcomes_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);

INSERT INTO "PlanOutcomes_rebuilt" ("Id", "PlanId", "PriorityId", "Description", "Order")
SELECT "Id", NULL, "PriorityId", "Description", "Order" FROM "PlanOutcomes";

DROP TABLE "PlanOutcomes";

ALTER TABLE "PlanOutcomes_rebuilt" RENAME TO "PlanOutcomes";

CREATE UNIQUE INDEX "IX_PlanOutcomes_PlanId_Order" ON "PlanOutcomes" ("PlanId", "Order");

CREATE UNIQUE INDEX "IX_PlanOutcomes_PriorityId_Order" ON "PlanOutcomes" ("PriorityId", "Order");

CREATE TABLE "PlanOutcomePriorities" (
    "PriorityId" TEXT NOT NULL,
    "OutcomeId" TEXT NOT NULL,
    CONSTRAINT "PK_PlanOutcomePriorities" PRIMARY KEY ("OutcomeId", "PriorityId"),
    CONSTRAINT "FK_PlanOutcomePriorities_PlanOutcomes_OutcomeId" FOREIGN KEY ("OutcomeId") REFERENCES "PlanOutcomes" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PlanOutcomePriorities_PlanPriorities_PriorityId" FOREIGN KEY ("PriorityId") REFERENCES "PlanPriorities" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_PlanOutcomePriorities_PriorityId" ON "PlanOutcomePriorities" ("PriorityId");

CREATE TABLE "OutcomeMeasures" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OutcomeMeasures" PRIMARY KEY,
    "OutcomeId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Unit" TEXT NOT NULL,
    "Direction" INTEGER NOT NULL,
    "Order" INTEGER NOT NULL,
    CONSTRAINT "FK_OutcomeMeasures_PlanOutcomes_OutcomeId" FOREIGN KEY ("OutcomeId") REFERENCES "PlanOutcomes" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_OutcomeMeasures_OutcomeId_Order" ON "OutcomeMeasures" ("OutcomeId", "Order");

CREATE TABLE "PlanPriorityWordingChanges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanPriorityWordingChanges" PRIMARY KEY,
    "PriorityId" TEXT NOT NULL,
    "PreviousTitle" TEXT NOT NULL,
    "PreviousSummary" TEXT NULL,
    "By" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "FK_PlanPriorityWordingChanges_PlanPriorities_PriorityId" FOREIGN KEY ("PriorityId") REFERENCES "PlanPriorities" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_PlanPriorityWordingChanges_PriorityId_At" ON "PlanPriorityWordingChanges" ("PriorityId", "At");
