-- 0100: an organisation's documents carry a revision, so two uploads at once cannot both pass the upload quota.
ALTER TABLE "Organisations" ADD COLUMN "DocumentsRevision" bigint NOT NULL DEFAULT 0;
