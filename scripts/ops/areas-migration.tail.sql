-- Each area's own deadlines: a null value inherits its nearest ancestor's, then the settings row's.
CREATE TABLE "area_settings" (
  "area_code" text PRIMARY KEY NOT NULL REFERENCES "areas"("code"),
  "wiring_due" date,
  "connection_due" date,
  "registration_grace_days" integer,
  "stall_days" integer,
  "postponement_limit" integer,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- a unit's county (6 digits); null where none applies, as for every unit before areas
ALTER TABLE "units" ADD COLUMN "area_code" text REFERENCES "areas"("code");
--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_area_is_county" CHECK ("area_code" IS NULL OR length("area_code") = 6);
--> statement-breakpoint
-- text_pattern_ops: a city's or a province's subtree is a prefix (LIKE '6212%'), whatever the collation
CREATE INDEX "units_area_idx" ON "units" USING btree ("area_code" text_pattern_ops);
--> statement-breakpoint
-- what a user sees: an area of any level, or null for the whole installation (everyone before areas)
ALTER TABLE "users" ADD COLUMN "scope" text REFERENCES "areas"("code");
--> statement-breakpoint
-- the county a unit gets when nothing else names one (unset: none)
ALTER TABLE "settings" ADD COLUMN "home_area" text REFERENCES "areas"("code");
--> statement-breakpoint
-- a group robot reports on its scope; null: the whole installation, as every channel before areas
ALTER TABLE "notify_channels" ADD COLUMN "scope" text REFERENCES "areas"("code");
--> statement-breakpoint
-- Backfill: a township's 9-digit code starts with its county's; else a 片区 (parent code) that
-- is itself a county's code, or a township's. Nothing matches: the unit stays without a county.
UPDATE "units" AS u SET "area_code" = a."code"
FROM "areas" AS a
WHERE a."level" = 'county' AND a."code" = CASE
  WHEN u."code" ~ '^[0-9]{9,12}$' AND EXISTS (SELECT 1 FROM "areas" c WHERE c."level" = 'county' AND c."code" = left(u."code", 6)) THEN left(u."code", 6)
  WHEN u."parent_code" ~ '^[0-9]{6}$' THEN u."parent_code"
  WHEN u."parent_code" ~ '^[0-9]{9,12}$' THEN left(u."parent_code", 6)
END;
