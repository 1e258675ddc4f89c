-- 0009: what a victims' services provider counts in each quarterly return: referrals, victims supported, and
-- victims helped to cope and recover; and whether a return asks for them.
ALTER TABLE "MonitoringReturns" ADD COLUMN "AsksVictimFigures" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "MonitoringReturns" ADD COLUMN "Referrals" INTEGER NULL;
ALTER TABLE "MonitoringReturns" ADD COLUMN "VictimsSupported" INTEGER NULL;
ALTER TABLE "MonitoringReturns" ADD COLUMN "VictimsHelpedToCopeAndRecover" INTEGER NULL;
