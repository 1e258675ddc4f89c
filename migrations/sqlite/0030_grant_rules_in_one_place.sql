-- 0030: grant rules in one place.
-- A round can exclude legal forms (judged on the organisation's recorded legal form, whatever it answers) and says
-- whether one organisation may have more than one application in it (by default it may not). The Police Property Act
-- Fund's rounds exclude statutory bodies (local authorities and other public bodies), as their eligibility question
-- already said.
-- An award's conditions are known to the service by a stable key, never by their wording: the standard conditions
-- written so far get their key from today's wording, once; a condition of an award's own has none.
ALTER TABLE "Rounds" ADD COLUMN "ExcludedLegalForms" TEXT NOT NULL DEFAULT ('[]');
ALTER TABLE "Rounds" ADD COLUMN "AllowsSeveralApplicationsPerOrganisation" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "AwardConditions" ADD COLUMN "Key" TEXT NULL;

UPDATE "Rounds" SET "ExcludedLegalForms" = '[6,7]'
WHERE "FundId" IN (SELECT "Id" FROM "Funds" WHERE "Programme" = 3);

UPDATE "AwardConditions" SET "Key" = 'signed-agreement' WHERE "Text" = 'A signed grant agreement (accepting this offer signs it).';
UPDATE "AwardConditions" SET "Key" = 'verified-bank-details' WHERE "Text" = 'Bank details for your organisation that we have verified.';
UPDATE "AwardConditions" SET "Key" = 'dbs-checks' WHERE "Text" = 'Evidence of Disclosure and Barring Service (DBS) checks for the people working on the project, if the project works with children or adults at risk.';
UPDATE "AwardConditions" SET "Key" = 'dbs-checks' WHERE "Text" = 'Evidence of Disclosure and Barring Service (DBS) checks for the staff and volunteers who work with victims.';
UPDATE "AwardConditions" SET "Key" = 'spend-within-period' WHERE "Text" = 'Spend the grant on the project as described in your application within 12 months of accepting this offer.';
UPDATE "AwardConditions" SET "Key" = 'end-of-grant-report' WHERE "Text" = 'Send us an end-of-grant report within 3 months of the spend deadline.';
UPDATE "AwardConditions" SET "Key" = 'return-unspent' WHERE "Text" = 'Return any of the grant you have not spent by the spend deadline.';
UPDATE "AwardConditions" SET "Key" = 'return-unspent' WHERE "Text" = 'Return any of the grant you have not spent by 31 March.';
UPDATE "AwardConditions" SET "Key" = 'approval-to-move-budget' WHERE "Text" = 'Get our written approval before moving money between the lines of your budget.';
UPDATE "AwardConditions" SET "Key" = 'free-and-accessible' WHERE "Text" = 'Keep the service free to victims and accessible to them, whether or not they have reported the crime.';
UPDATE "AwardConditions" SET "Key" = 'spend-by-year-end' WHERE "Text" = 'Spend the grant by 31 March at the end of the financial year: it cannot be carried over.';
UPDATE "AwardConditions" SET "Key" = 'quarterly-returns' WHERE "Text" = 'Send us a return within a month of the end of each quarter: spend, referrals, victims supported and victims helped to cope and recover.';
