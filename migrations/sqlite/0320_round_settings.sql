-- 0320: rounds set up in the service: the budget line a round's awards come from and how much it makes available;
-- months between one organisation's awards as a setting of the round (12 where the round had the rule); whether core
-- costs are excluded; the local-authority areas it covers; its moderation threshold and award terms; when its first
-- application was started (its questions and criteria are fixed from then); a version that every change moves; and
-- every change to a round with who, when and why.
ALTER TABLE "Rounds" ADD COLUMN "BudgetLineId" TEXT NULL CONSTRAINT "FK_Rounds_BudgetLines_BudgetLineId" REFERENCES "BudgetLines" ("Id") ON DELETE RESTRICT;
ALTER TABLE "Rounds" ADD COLUMN "AmountAvailable" INTEGER NULL;
ALTER TABLE "Rounds" ADD COLUMN "MonthsBetweenAwards" INTEGER NULL;
ALTER TABLE "Rounds" ADD COLUMN "ExcludesCoreCosts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Rounds" ADD COLUMN "DeliveryAreas" TEXT NOT NULL DEFAULT ('[]');
ALTER TABLE "Rounds" ADD COLUMN "ModerationThreshold" INTEGER NOT NULL DEFAULT 20;
ALTER TABLE "Rounds" ADD COLUMN "Terms" TEXT NULL;
ALTER TABLE "Rounds" ADD COLUMN "FirstApplicationStartedAt" INTEGER NULL;
ALTER TABLE "Rounds" ADD COLUMN "Version" INTEGER NOT NULL DEFAULT 0;

UPDATE "Rounds" SET "MonthsBetweenAwards" = 12 WHERE "EligibilityRules" LIKE '%NoAwardInLast12Months%';
UPDATE "Rounds" SET "FirstApplicationStartedAt" = (SELECT MIN("StartedAt") FROM "Applications" WHERE "Applications"."RoundId" = "Rounds"."Id");

CREATE INDEX "IX_Rounds_BudgetLineId" ON "Rounds" ("BudgetLineId");

CREATE TABLE "RoundChanges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_RoundChanges" PRIMARY KEY,
    "RoundId" TEXT NOT NULL,
    "What" TEXT NOT NULL,
    "From" TEXT NULL,
    "To" TEXT NULL,
    "Reason" TEXT NOT NULL,
    "By" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "FK_RoundChanges_Rounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "Rounds" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RoundChanges_RoundId_At" ON "RoundChanges" ("RoundId", "At");
