-- 0040: background jobs move from Quartz to Hangfire, which keeps its own storage (a file beside the SQLite
-- database, or the "hangfire" schema on PostgreSQL). Drops the tables Quartz created for itself and the history
-- of job runs that the old jobs page showed; the Hangfire Dashboard keeps its own.
DROP TABLE IF EXISTS "ScheduledJobRuns";
DROP TABLE IF EXISTS qrtz_fired_triggers CASCADE;
DROP TABLE IF EXISTS qrtz_simple_triggers CASCADE;
DROP TABLE IF EXISTS qrtz_simprop_triggers CASCADE;
DROP TABLE IF EXISTS qrtz_cron_triggers CASCADE;
DROP TABLE IF EXISTS qrtz_blob_triggers CASCADE;
DROP TABLE IF EXISTS qrtz_triggers CASCADE;
DROP TABLE IF EXISTS qrtz_job_details CASCADE;
DROP TABLE IF EXISTS qrtz_calendars CASCADE;
DROP TABLE IF EXISTS qrtz_paused_trigger_grps CASCADE;
DROP TABLE IF EXISTS qrtz_paused_job_grps CASCADE;
DROP TABLE IF EXISTS qrtz_scheduler_state CASCADE;
DROP TABLE IF EXISTS qrtz_locks CASCADE;
DROP TABLE IF EXISTS qrtz_execution_history CASCADE;
DROP TABLE IF EXISTS qrtz_misfire_history CASCADE;
DROP TABLE IF EXISTS qrtz_job_status CASCADE;
