-- 0009: what a victims' services provider counts in each quarterly return: referrals, victims supported, and
-- victims helped to cope and recover; and whether a return asks for them.
ALTER TABLE "MonitoringReturns" ADD COLUMN "AsksVictimFigures" boolean NOT NULL DEFAULT FALSE;
ALTER TABLE "MonitoringReturns" ADD COLUMN "Referrals" integer;
ALTER TABLE "MonitoringReturns" ADD COLUMN "VictimsSupported" integer;
ALTER TABLE "MonitoringReturns" ADD COLUMN "VictimsHelpedToCopeAndRecover" integer;
