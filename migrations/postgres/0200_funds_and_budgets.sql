-- 0200: funds and budgets set up in the service: the org-id a fund's grants are published under and its finance
-- codes; a budget line's own codes, the date its money must be spent by, and for an in-year uplift the day it
-- arrived and why; every change to a line's amount or margin with who, when and why; and an organisation's
-- supplier reference in the finance ledger.
ALTER TABLE "Funds" ADD COLUMN "PublishesAs" character varying(100);
ALTER TABLE "Funds" ADD COLUMN "CostCentre" character varying(20);
ALTER TABLE "Funds" ADD COLUMN "NominalCode" character varying(20);
ALTER TABLE "Funds" ADD COLUMN "FundCode" character varying(20);

ALTER TABLE "BudgetLines" ADD COLUMN "CostCentre" character varying(20);
ALTER TABLE "BudgetLines" ADD COLUMN "NominalCode" character varying(20);
ALTER TABLE "BudgetLines" ADD COLUMN "FundCode" character varying(20);
ALTER TABLE "BudgetLines" ADD COLUMN "SpendBy" date;
ALTER TABLE "BudgetLines" ADD COLUMN "UpliftReceivedOn" date;
ALTER TABLE "BudgetLines" ADD COLUMN "UpliftReason" character varying(500);

CREATE TABLE "BudgetLineChanges" (
    "Id" uuid NOT NULL,
    "BudgetLineId" uuid NOT NULL,
    "Kind" integer NOT NULL,
    "From" bigint NOT NULL,
    "To" bigint NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "By" character varying(256) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_BudgetLineChanges" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_BudgetLineChanges_BudgetLines_BudgetLineId" FOREIGN KEY ("BudgetLineId") REFERENCES "BudgetLines" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_BudgetLineChanges_BudgetLineId_At" ON "BudgetLineChanges" ("BudgetLineId", "At");

ALTER TABLE "Organisations" ADD COLUMN "SupplierReference" character varying(30);
ALTER TABLE "Organisations" ADD COLUMN "SupplierReferenceRecordedBy" character varying(256);
ALTER TABLE "Organisations" ADD COLUMN "SupplierReferenceRecordedAt" timestamp with time zone;
