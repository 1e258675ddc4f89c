-- 0010: the plan priorities a funding round funds. A round with none listed funds every priority of the plan in force.
CREATE TABLE "RoundPriorities" (
    "PriorityId" TEXT NOT NULL,
    "RoundId" TEXT NOT NULL,
    CONSTRAINT "PK_RoundPriorities" PRIMARY KEY ("RoundId", "PriorityId"),
    CONSTRAINT "FK_RoundPriorities_PlanPriorities_PriorityId" FOREIGN KEY ("PriorityId") REFERENCES "PlanPriorities" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RoundPriorities_Rounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "Rounds" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RoundPriorities_PriorityId" ON "RoundPriorities" ("PriorityId");
