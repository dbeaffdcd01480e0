-- Each level's voice (docs/contract/areas.md "Each level's voice"; issued bulletins: domain.md
-- "The record"). An area's office signs and numbers its own documents; notices and bulletins are
-- numbered per issuing area per year; an issued bulletin is stored as issued.
--
-- 落款 and 文号 prefix per area: null derives them from the area's name (shared/domain/voice.ts).
ALTER TABLE "areas" ADD COLUMN IF NOT EXISTS "signing_office" text;
--> statement-breakpoint
ALTER TABLE "areas" ADD COLUMN IF NOT EXISTS "doc_prefix" text;
--> statement-breakpoint
-- The last number given out per issuer ('' = the installation speaking for itself), kind and
-- year. The row's lock (an upsert returning) serialises one issuer's numbering only.
CREATE TABLE "document_counters" (
  "issuer" text NOT NULL,
  "kind" text NOT NULL CHECK ("kind" IN ('notice', 'bulletin')),
  "year" integer NOT NULL,
  "last" integer NOT NULL,
  PRIMARY KEY ("issuer", "kind", "year")
);
--> statement-breakpoint
-- Existing notices keep their numbers: they were issued in the installation's one sequence, as
-- the installation (issuer ''), signed by the installation's 落款 of today; their number text is
-- stored as it printed (催办〔2026〕第 16 号). The installation's sequence continues after them.
-- Both columns stay nullable: a row written without them (by a tool that knows only 0014's
-- columns) reads with the number and 落款 the installation gave before (server/features/notices).
INSERT INTO "document_counters" ("issuer", "kind", "year", "last")
  SELECT '', 'notice', "year", "last" FROM "notice_counters";
--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "issuer_code" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "issuer_office" text;
--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "number" text;
--> statement-breakpoint
UPDATE "notices" SET
  "number" = '催办〔' || "year" || '〕第 ' || "seq" || ' 号',
  "issuer_office" = coalesce((SELECT "signing_office" FROM "settings" WHERE "id" = 1), '县人民政府办公室')
WHERE "number" IS NULL;
--> statement-breakpoint
DROP INDEX IF EXISTS "notices_number_key";
--> statement-breakpoint
CREATE UNIQUE INDEX "notices_number_key" ON "notices" USING btree ("issuer_code", "year", "seq");
--> statement-breakpoint
-- Who issued a notice and under what number never changes (a trigger of its own, beside the
-- append-only one, so that function stays as 0016 left it).
CREATE OR REPLACE FUNCTION notices_issuer_fixed() RETURNS trigger AS $$
BEGIN
  -- a number or 落款 missing (a row written without them) may be filled in once, never changed
  IF NEW.issuer_code IS DISTINCT FROM OLD.issuer_code
     OR (OLD.issuer_office IS NOT NULL AND NEW.issuer_office IS DISTINCT FROM OLD.issuer_office)
     OR (OLD.number IS NOT NULL AND NEW.number IS DISTINCT FROM OLD.number) THEN
    RAISE EXCEPTION 'an issued notice''s issuer and number cannot be changed';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER notices_issuer_fixed BEFORE UPDATE ON "notices"
  FOR EACH ROW EXECUTE FUNCTION notices_issuer_fixed();
--> statement-breakpoint
-- A bulletin (通报) as issued: what it said (`content`, the figures and lists it printed), for
-- which day and filters, by whom, under which number. Never changed, never deleted.
CREATE TABLE "bulletins" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "issuer_code" text DEFAULT '' NOT NULL,
  "year" integer NOT NULL,
  "seq" integer NOT NULL,
  "number" text NOT NULL,
  "signing_office" text NOT NULL,
  "area_code" text REFERENCES "areas"("code"),
  "as_of" date NOT NULL,
  "filters" jsonb NOT NULL,
  "content" jsonb NOT NULL,
  "issued_at" timestamp with time zone DEFAULT now() NOT NULL,
  "issued_by" uuid REFERENCES "users"("id"),
  "issued_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "bulletins_number_key" ON "bulletins" USING btree ("issuer_code", "year", "seq");
--> statement-breakpoint
CREATE INDEX "bulletins_issued_idx" ON "bulletins" USING btree ("issued_at");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bulletins_as_issued() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'an issued bulletin cannot be changed or deleted';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER bulletins_no_change BEFORE UPDATE OR DELETE ON "bulletins"
  FOR EACH ROW EXECUTE FUNCTION bulletins_as_issued();
