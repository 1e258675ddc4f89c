-- 0011: the record of document expiry reminders sent (one per document and kind: expiring soon, expired), so that
-- the daily job never sends the same reminder twice. A new upload is a new document, so its reminders start afresh.
CREATE TABLE "DocumentReminders" (
    "DocumentId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "ExpiresOn" TEXT NOT NULL,
    "SentAt" INTEGER NOT NULL,
    "Recipients" INTEGER NOT NULL,
    CONSTRAINT "PK_DocumentReminders" PRIMARY KEY ("DocumentId", "Kind")
);

CREATE INDEX "IX_DocumentReminders_OrganisationId" ON "DocumentReminders" ("OrganisationId");
