-- 0200: funds and budgets set up in the service: the org-id a fund's grants are published under and its finance
-- codes; a budget line's own codes, the date its money must be spent by, and for an in-year uplift the day it
-- arrived and why; every change to a line's amount or margin with who, when and why; and an organisation's
-- supplier reference in the finance ledger.
ALTER TABLE "Funds" ADD COLUMN "PublishesAs" TEXT NULL;
ALTER TABLE "Funds" ADD COLUMN "CostCentre" TEXT NULL;
ALTER TABLE "Funds" ADD COLUMN "NominalCode" TEXT NULL;
ALTER TABLE "Funds" ADD COLUMN "FundCode" TEXT NULL;

ALTER TABLE "BudgetLines" ADD COLUMN "CostCentre" TEXT NULL;
ALTER TABLE "BudgetLines" ADD COLUMN "NominalCode" TEXT NULL;
ALTER TABLE "BudgetLines" ADD COLUMN "FundCode" TEXT NULL;
ALTER TABLE "BudgetLines" ADD COLUMN "SpendBy" TEXT NULL;
ALTER TABLE "BudgetLines" ADD COLUMN "UpliftReceivedOn" TEXT NULL;
ALTER TABLE "BudgetLines" ADD COLUMN "UpliftReason" TEXT NULL;

CREATE TABLE "BudgetLineChanges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_BudgetLineChanges" PRIMARY KEY,
    "BudgetLineId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "From" INTEGER NOT NULL,
    "To" INTEGER NOT NULL,
    "Reason" TEXT NOT NULL,
    "By" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "FK_BudgetLineChanges_BudgetLines_BudgetLineId" FOREIGN KEY ("BudgetLineId") REFERENCES "BudgetLines" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_BudgetLineChanges_BudgetLineId_At" ON "BudgetLineChanges" ("BudgetLineId", "At");

ALTER TABLE "Organisations" ADD COLUMN "SupplierReference" TEXT NULL;
ALTER TABLE "Organisations" ADD COLUMN "SupplierReferenceRecordedBy" TEXT NULL;
ALTER TABLE "Organisations" ADD COLUMN "SupplierReferenceRecordedAt" INTEGER NULL;
