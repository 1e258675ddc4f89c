-- 0330: a round is published before applicants see it or can apply to it. Rounds that already exist were taken as
-- published when they opened, so they stay listed as before.
ALTER TABLE "Rounds" ADD COLUMN "PublishedAt" timestamp with time zone;

UPDATE "Rounds" SET "PublishedAt" = "OpensAt";
