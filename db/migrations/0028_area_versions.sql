-- A count of changes per county to its units' rows (db/queries/reports/rollup.ts): today's
-- roll-up groups each county's units, and keeps a county's groups while its count is unchanged,
-- so a national roll-up reads again only the counties whose units changed since (a step, a void,
-- a training record refreshing a unit's stored facts, a unit added, edited, moved or removed).
-- Today's groups read nothing but the units' rows and the rules in force (the key), so a trigger
-- on units is all it takes. The code '' stands for the units without a county. A county's count is
-- the sum of 16 shards, a unit bumping the shard its id hashes to: a step's write takes a row lock
-- on one shard of its own county until it commits, so writers in different counties never wait
-- for each other, and writers in one county (a county's installation, every technician at once)
-- rarely do.
CREATE TABLE "area_versions" (
  "code" text NOT NULL,
  "shard" smallint NOT NULL,
  "n" bigint NOT NULL,
  PRIMARY KEY ("code", "shard")
);
--> statement-breakpoint
INSERT INTO "area_versions" SELECT DISTINCT coalesce(area_code, ''), 0, 0 FROM units;
--> statement-breakpoint
CREATE FUNCTION bump_area_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- in code order, so that two statements bumping several counties wait instead of deadlocking
  IF TG_OP = 'INSERT' THEN
    INSERT INTO area_versions (code, shard, n) SELECT c, s, 1 FROM (SELECT DISTINCT coalesce(area_code, '') AS c, hashtext(id::text) & 15 AS s FROM changed_new) x ORDER BY c, s
      ON CONFLICT (code, shard) DO UPDATE SET n = area_versions.n + 1;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO area_versions (code, shard, n) SELECT c, s, 1 FROM (SELECT DISTINCT coalesce(area_code, '') AS c, hashtext(id::text) & 15 AS s FROM changed_old) x ORDER BY c, s
      ON CONFLICT (code, shard) DO UPDATE SET n = area_versions.n + 1;
  ELSE
    INSERT INTO area_versions (code, shard, n)
      SELECT c, s, 1 FROM (SELECT coalesce(area_code, '') AS c, hashtext(id::text) & 15 AS s FROM changed_new
        UNION SELECT coalesce(area_code, ''), hashtext(id::text) & 15 FROM changed_old) x ORDER BY c, s
      ON CONFLICT (code, shard) DO UPDATE SET n = area_versions.n + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER units_area_versions_insert AFTER INSERT ON "units" REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION bump_area_versions();
--> statement-breakpoint
CREATE TRIGGER units_area_versions_update AFTER UPDATE ON "units" REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION bump_area_versions();
--> statement-breakpoint
CREATE TRIGGER units_area_versions_delete AFTER DELETE ON "units" REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION bump_area_versions();
--> statement-breakpoint
-- a truncation leaves no unit: every kept county is empty now
CREATE FUNCTION bump_all_area_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE area_versions SET n = n + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER units_area_versions_truncate AFTER TRUNCATE ON "units" FOR EACH STATEMENT EXECUTE FUNCTION bump_all_area_versions();
