-- 0320: rounds set up in the service: the budget line a round's awards come from and how much it makes available;
-- months between one organisation's awards as a setting of the round (12 where the round had the rule); whether core
-- costs are excluded; the local-authority areas it covers; its moderation threshold and award terms; when its first
-- application was started (its questions and criteria are fixed from then); a version that every change moves; and
-- every change to a round with who, when and why.
ALTER TABLE "Rounds" ADD COLUMN "BudgetLineId" uuid;
ALTER TABLE "Rounds" ADD COLUMN "AmountAvailable" bigint;
ALTER TABLE "Rounds" ADD COLUMN "MonthsBetweenAwards" integer;
ALTER TABLE "Rounds" ADD COLUMN "ExcludesCoreCosts" boolean NOT NULL DEFAULT FALSE;
ALTER TABLE "Rounds" ADD COLUMN "DeliveryAreas" text NOT NULL DEFAULT ('[]');
ALTER TABLE "Rounds" ADD COLUMN "ModerationThreshold" integer NOT NULL DEFAULT 20;
ALTER TABLE "Rounds" ADD COLUMN "Terms" text;
ALTER TABLE "Rounds" ADD COLUMN "FirstApplicationStartedAt" timestamp with time zone;
ALTER TABLE "Rounds" ADD COLUMN "Version" bigint NOT NULL DEFAULT 0;
ALTER TABLE "Rounds" ADD CONSTRAINT "FK_Rounds_BudgetLines_BudgetLineId" FOREIGN KEY ("BudgetLineId") REFERENCES "BudgetLines" ("Id") ON DELETE RESTRICT;

UPDATE "Rounds" SET "MonthsBetweenAwards" = 12 WHERE "EligibilityRules" LIKE '%NoAwardInLast12Months%';
UPDATE "Rounds" SET "FirstApplicationStartedAt" = (SELECT MIN("StartedAt") FROM "Applications" WHERE "Applications"."RoundId" = "Rounds"."Id");

CREATE INDEX "IX_Rounds_BudgetLineId" ON "Rounds" ("BudgetLineId");

CREATE TABLE "RoundChanges" (
    "Id" uuid NOT NULL,
    "RoundId" uuid NOT NULL,
    "What" character varying(100) NOT NULL,
    "From" character varying(2000),
    "To" character varying(2000),
    "Reason" character varying(500) NOT NULL,
    "By" character varying(256) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_RoundChanges" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RoundChanges_Rounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "Rounds" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RoundChanges_RoundId_At" ON "RoundChanges" ("RoundId", "At");
