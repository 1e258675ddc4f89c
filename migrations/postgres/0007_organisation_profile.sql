-- 0007: the organisation profile: its safeguarding lead, the period accounts cover, and bank details. The
-- organisation holds only the masked parts of its bank details and whether finance has verified them; the details
-- themselves are kept encrypted (ASP.NET Core Data Protection) in their own table.
ALTER TABLE "Organisations" ADD COLUMN "SafeguardingLeadId" uuid;
ALTER TABLE "Organisations" ADD COLUMN "BankDetailsStatus" integer NOT NULL DEFAULT 0;
ALTER TABLE "Organisations" ADD COLUMN "BankAccountName" character varying(100);
ALTER TABLE "Organisations" ADD COLUMN "BankSortCodeLastTwo" character varying(2);
ALTER TABLE "Organisations" ADD COLUMN "BankAccountLastFour" character varying(4);
ALTER TABLE "Organisations" ADD COLUMN "BankDetailsChangedAt" timestamp with time zone;
ALTER TABLE "Organisations" ADD COLUMN "BankDetailsVerifiedBy" character varying(450);
ALTER TABLE "Organisations" ADD COLUMN "BankDetailsVerifiedAt" timestamp with time zone;
ALTER TABLE "OrganisationDocuments" ADD COLUMN "PeriodEndsOn" date;

CREATE TABLE "OrganisationBankDetails" (
    "OrganisationId" uuid NOT NULL,
    "Protected" character varying(4000) NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_OrganisationBankDetails" PRIMARY KEY ("OrganisationId"),
    CONSTRAINT "FK_OrganisationBankDetails_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Organisations_BankDetailsStatus" ON "Organisations" ("BankDetailsStatus");
