-- The record (docs/contract/domain.md "The record"): the settings it reads, per installation and
-- per area (null inherits, as the other per-area values do):
--   backdate_days              how far before the server's clock a technician or the office may date a step
--   review_days                how long a registration may await the office's review before the level above sees it
--   late_join_wiring_days      a unit added late: its wiring due this many days after the day it was added
--   late_join_connection_days  … and its connection due this many days after it
ALTER TABLE settings ADD COLUMN backdate_days integer NOT NULL DEFAULT 30;
--> statement-breakpoint
ALTER TABLE settings ADD COLUMN review_days integer NOT NULL DEFAULT 3;
--> statement-breakpoint
ALTER TABLE settings ADD COLUMN late_join_wiring_days integer NOT NULL DEFAULT 14;
--> statement-breakpoint
ALTER TABLE settings ADD COLUMN late_join_connection_days integer NOT NULL DEFAULT 30;
--> statement-breakpoint
ALTER TABLE area_settings ADD COLUMN backdate_days integer;
--> statement-breakpoint
ALTER TABLE area_settings ADD COLUMN review_days integer;
--> statement-breakpoint
ALTER TABLE area_settings ADD COLUMN late_join_wiring_days integer;
--> statement-breakpoint
ALTER TABLE area_settings ADD COLUMN late_join_connection_days integer;
--> statement-breakpoint
-- Field time only moves forward from now on (the server refuses a step dated before the unit's
-- latest live step). Steps recorded before this migration that break that order are LEFT AS
-- THEY ARE: steps are append-only and part of the record, and which of them is wrong is the
-- office's call (it voids the wrong one, newest first), not a migration's. The units and steps
-- concerned are counted and reported here as a NOTICE, so whoever migrates knows to look; the
-- reports keep deriving their state in field-time order until the office voids.
DO $$
DECLARE
  bad_steps integer;
  bad_units integer;
BEGIN
  SELECT count(*), count(DISTINCT unit_id) INTO bad_steps, bad_units
  FROM (
    SELECT unit_id, occurred_at,
      max(occurred_at) OVER (PARTITION BY unit_id ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_max
    FROM steps
    WHERE NOT voided
  ) s
  WHERE occurred_at < before_max;
  IF bad_steps > 0 THEN
    RAISE NOTICE 'the record: % live step(s) of % unit(s) are dated before an earlier-recorded live step of their unit; left as they are (the office voids what is wrong)', bad_steps, bad_units;
  ELSE
    RAISE NOTICE 'the record: every unit''s live steps are in field-time order';
  END IF;
END $$;
