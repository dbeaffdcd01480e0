-- Each unit's training facts, stored on the unit and kept by triggers like its stored progress,
-- so that today's reports read the training flags from the units alone (no join per unit; the
-- national roll-up read three aggregates over the training tables for every request). They are
-- what db/queries/reports/training-flags.ts needs of a unit, as of now:
-- - training_primary: a primary backbone person is named and not ended;
-- - training_absent_from: the earliest end of a closed training the unit was absent from with no
--   training attended on a later day (in the installation's zone) sharing a topic;
-- - training_report_from: the earliest end of a training the unit attended without an accepted
--   report-back.
-- Each daysLate is then today's day minus that day (plus reportBackDays), as the per-day rule's
-- maximum over the unit's trainings is. A past day is still computed from the tables: these are
-- facts of now. Every writer keeps them (the API, imports, scripts), since triggers do; a change
-- of time zone recomputes every unit. Held to the pure rules by
-- tests/api/training.flags.property.test.ts after random changes.
ALTER TABLE "units" ADD COLUMN "training_primary" boolean NOT NULL DEFAULT false;
--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "training_absent_from" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "training_report_from" timestamp with time zone;
--> statement-breakpoint
CREATE FUNCTION unit_training_facts_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tz text := coalesce((SELECT timezone FROM settings LIMIT 1), 'Asia/Shanghai');
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  -- the units' rows are locked in one order: two writers refreshing overlapping units (two
  -- trainings closed at once) wait for each other instead of deadlocking
  PERFORM 1 FROM units WHERE id = ANY (ids) ORDER BY id FOR UPDATE;
  UPDATE units u SET
    training_primary = EXISTS (SELECT 1 FROM backbones b WHERE b.unit_id = u.id AND b.kind = 'primary' AND b.ended_at IS NULL),
    training_absent_from = (
      SELECT min(t.ends_at) FROM training_attendance a JOIN trainings t ON t.id = a.training_id
      WHERE a.unit_id = u.id AND a.status = 'absent' AND t.closed_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM training_attendance a2 JOIN trainings t2 ON t2.id = a2.training_id
          WHERE a2.unit_id = u.id AND a2.status = 'attended' AND (t2.ends_at AT TIME ZONE tz)::date > (t.ends_at AT TIME ZONE tz)::date AND t2.topics && t.topics)),
    training_report_from = (
      SELECT min(t.ends_at) FROM training_attendance a JOIN trainings t ON t.id = a.training_id
        LEFT JOIN report_backs rb ON rb.training_id = a.training_id AND rb.unit_id = a.unit_id
      WHERE a.unit_id = u.id AND a.status = 'attended' AND rb.status IS DISTINCT FROM 'accepted')
  WHERE u.id = ANY (ids);
END $$;
--> statement-breakpoint
-- the units a statement's rows name: by unit_id (backbones, attendance, report-backs), or every
-- unit enrolled in a changed training
CREATE FUNCTION unit_training_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_TABLE_NAME = 'trainings' THEN
    ids := ARRAY(SELECT DISTINCT a.unit_id FROM training_attendance a WHERE a.training_id IN (SELECT id FROM changed_new));
  ELSIF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT unit_id FROM changed_new);
  ELSIF TG_OP = 'DELETE' THEN
    ids := ARRAY(SELECT DISTINCT unit_id FROM changed_old);
  ELSE
    ids := ARRAY(SELECT unit_id FROM changed_new UNION SELECT unit_id FROM changed_old);
  END IF;
  PERFORM unit_training_facts_refresh(ids);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION unit_training_facts_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM unit_training_facts_refresh(ARRAY(SELECT id FROM units));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER backbones_facts_insert AFTER INSERT ON "backbones" REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION unit_training_facts_changed();
--> statement-breakpoint
CREATE TRIGGER backbones_facts_update AFTER UPDATE ON "backbones" REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION unit_training_facts_changed();
--> statement-breakpoint
CREATE TRIGGER backbones_facts_delete AFTER DELETE ON "backbones" REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION unit_training_facts_changed();
--> statement-breakpoint
CREATE TRIGGER attendance_facts_insert AFTER INSERT ON "training_attendance" REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION unit_training_facts_changed();
--> statement-breakpoint
CREATE TRIGGER attendance_facts_update AFTER UPDATE ON "training_attendance" REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION unit_training_facts_changed();
--> statement-breakpoint
CREATE TRIGGER attendance_facts_delete AFTER DELETE ON "training_attendance" REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION unit_training_facts_changed();
--> statement-breakpoint
CREATE TRIGGER report_backs_facts_insert AFTER INSERT ON "report_backs" REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION unit_training_facts_changed();
--> statement-breakpoint
CREATE TRIGGER report_backs_facts_update AFTER UPDATE ON "report_backs" REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION unit_training_facts_changed();
--> statement-breakpoint
CREATE TRIGGER report_backs_facts_delete AFTER DELETE ON "report_backs" REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION unit_training_facts_changed();
--> statement-breakpoint
-- a training's end, topics or closing change its units' facts (a new training has no units yet;
-- a deleted one takes its attendance with it, whose trigger refreshes them)
CREATE TRIGGER trainings_facts_update AFTER UPDATE ON "trainings" REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION unit_training_facts_changed();
--> statement-breakpoint
CREATE TRIGGER training_tables_facts_truncate AFTER TRUNCATE ON "backbones" FOR EACH STATEMENT EXECUTE FUNCTION unit_training_facts_all();
--> statement-breakpoint
CREATE TRIGGER attendance_facts_truncate AFTER TRUNCATE ON "training_attendance" FOR EACH STATEMENT EXECUTE FUNCTION unit_training_facts_all();
--> statement-breakpoint
CREATE TRIGGER report_backs_facts_truncate AFTER TRUNCATE ON "report_backs" FOR EACH STATEMENT EXECUTE FUNCTION unit_training_facts_all();
--> statement-breakpoint
-- the days compared above are the installation's zone's
CREATE TRIGGER settings_timezone_facts AFTER UPDATE OF "timezone" ON "settings" FOR EACH ROW
  WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone) EXECUTE FUNCTION unit_training_facts_all();
--> statement-breakpoint
SELECT unit_training_facts_refresh(ARRAY(SELECT id FROM units));
