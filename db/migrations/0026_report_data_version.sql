-- A counter of the changes that can alter a report of a past day (db/queries/reports/memo.ts).
-- A past day's roll-up replays every step up to that day (a second or more for the country), and
-- the leaders' screen and every roll-up ask for the same day again and again (compareDays); the
-- server keeps the answer and serves it again while this counter is unchanged. It is bumped, by
-- triggers so that every writer (the API, imports, scripts, a restore) bumps it, by:
-- - a step dated more than 20 hours before it was written (only such a step can fall in a day the
--   memo holds: those end at least 24 hours ago, docs/scaling.md), a void, a deletion;
-- - units added, removed, or moved (county, kind, parent, own due dates, creation);
-- - any change to backbones, trainings, attendance or report-backs (a past day's training flags
--   read them as they are now).
-- The settings are not counted: the rules in force are part of what the memo is keyed by. The
-- first value is random, so that a database made anew never repeats an old one's counts.
CREATE TABLE "report_data_version" (
  "id" boolean PRIMARY KEY DEFAULT true CHECK ("id"),
  "n" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "report_data_version" VALUES (true, floor(random() * 1e12)::bigint);
--> statement-breakpoint
CREATE FUNCTION bump_report_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE report_data_version SET n = n + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bump_report_data_version_if_backdated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_steps WHERE occurred_at < now() - interval '20 hours') THEN
    UPDATE report_data_version SET n = n + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER steps_backdated_version AFTER INSERT ON "steps" REFERENCING NEW TABLE AS new_steps
  FOR EACH STATEMENT EXECUTE FUNCTION bump_report_data_version_if_backdated();
--> statement-breakpoint
CREATE TRIGGER steps_changed_version AFTER UPDATE OR DELETE OR TRUNCATE ON "steps"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_report_data_version();
--> statement-breakpoint
CREATE TRIGGER units_added_version AFTER INSERT OR DELETE OR TRUNCATE ON "units"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_report_data_version();
--> statement-breakpoint
CREATE TRIGGER units_moved_version AFTER UPDATE OF "area_code", "kind", "parent_code", "wiring_due", "connection_due", "created_at" ON "units"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_report_data_version();
--> statement-breakpoint
CREATE TRIGGER backbones_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "backbones"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_report_data_version();
--> statement-breakpoint
CREATE TRIGGER trainings_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "trainings"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_report_data_version();
--> statement-breakpoint
CREATE TRIGGER training_attendance_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "training_attendance"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_report_data_version();
--> statement-breakpoint
CREATE TRIGGER report_backs_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "report_backs"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_report_data_version();
