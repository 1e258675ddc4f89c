-- 0007: the organisation profile: its safeguarding lead, the period accounts cover, and bank details. The
-- organisation holds only the masked parts of its bank details and whether finance has verified them; the details
-- themselves are kept encrypted (ASP.NET Core Data Protection) in their own table.
ALTER TABLE "Organisations" ADD COLUMN "SafeguardingLeadId" TEXT NULL;
ALTER TABLE "Organisations" ADD COLUMN "BankDetailsStatus" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Organisations" ADD COLUMN "BankAccountName" TEXT NULL;
ALTER TABLE "Organisations" ADD COLUMN "BankSortCodeLastTwo" TEXT NULL;
ALTER TABLE "Organisations" ADD COLUMN "BankAccountLastFour" TEXT NULL;
ALTER TABLE "Organisations" ADD COLUMN "BankDetailsChangedAt" INTEGER NULL;
ALTER TABLE "Organisations" ADD COLUMN "BankDetailsVerifiedBy" TEXT NULL;
ALTER TABLE "Organisations" ADD COLUMN "BankDetailsVerifiedAt" INTEGER NULL;
ALTER TABLE "OrganisationDocuments" ADD COLUMN "PeriodEndsOn" TEXT NULL;

CREATE TABLE "OrganisationBankDetails" (
    "OrganisationId" TEXT NOT NULL CONSTRAINT "PK_OrganisationBankDetails" PRIMARY KEY,
    "Protected" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_OrganisationBankDetails_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Organisations_BankDetailsStatus" ON "Organisations" ("BankDetailsStatus");
