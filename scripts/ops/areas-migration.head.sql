-- The area tree (省 › 市 › 县), generated from reference/china-areas.csv by scripts/ops/areas-migration.ts.
CREATE TABLE "areas" (
  "code" text PRIMARY KEY NOT NULL,
  "name" text NOT NULL,
  "level" text NOT NULL,
  "parent_code" text REFERENCES "areas"("code"),
  CONSTRAINT "areas_code_level" CHECK (
    "code" ~ '^[0-9]+$'
    AND length("code") = CASE "level" WHEN 'province' THEN 2 WHEN 'city' THEN 4 WHEN 'county' THEN 6 END
    AND ("parent_code" IS NULL) = ("level" = 'province')
    AND ("parent_code" IS NULL OR left("code", length("parent_code")) = "parent_code")
  )
);
--> statement-breakpoint
CREATE INDEX "areas_parent_idx" ON "areas" USING btree ("parent_code");
