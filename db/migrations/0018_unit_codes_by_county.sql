-- Codes belong to counties (docs/contract/domain.md "The record"). A code names its county when it
-- is a valid 统一社会信用代码 (characters 3–8) or begins with a county's 6-digit code; such a code
-- is unique in the whole installation (it can only be its county's), and a code that names no
-- county is unique within the unit's county only: two counties may each number a department
-- D001, and neither learns of the other's by a refusal.
--
-- units.code_county holds the county a code names (null: none), set by a trigger from the code
-- and the area tree (static since 0015), so that every writer (the API, scripts, a bench loader)
-- gets it. unit_code_county is shared/domain/codes.ts's countyOfCode in SQL; the two are held
-- equal by tests/api/unit-codes.county.test.ts. The uniqueness is then one index on (the code's
-- county, else the unit's county, else none; the code).
--
-- Nothing is rewritten. The old index (code unique everywhere) was stricter than the new one, so
-- no stored pair can break it; what the migration does report, as NOTICEs, are units whose code
-- names a county other than the one they sit in, and stored 18-character codes of 统一社会信用代码
-- form whose check character is wrong: an office may want to correct them, by hand.
CREATE FUNCTION uscc_valid(c text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  chars constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
  weights constant int[] := ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  total int := 0;
BEGIN
  IF c IS NULL OR c !~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$' THEN
    RETURN false;
  END IF;
  FOR i IN 1..17 LOOP
    total := total + (strpos(chars, substr(c, i, 1)) - 1) * weights[i];
  END LOOP;
  RETURN substr(chars, ((31 - total % 31) % 31) + 1, 1) = substr(c, 18, 1);
END $$;
--> statement-breakpoint
CREATE FUNCTION unit_code_county(c text) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  found text;
BEGIN
  IF uscc_valid(c) THEN
    SELECT code INTO found FROM areas WHERE code = substr(c, 3, 6) AND level = 'county';
    IF found IS NOT NULL THEN RETURN found; END IF;
  END IF;
  IF c ~ '^[0-9]{6}' THEN
    SELECT code INTO found FROM areas WHERE code = left(c, 6) AND level = 'county';
  END IF;
  RETURN found;
END $$;
--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "code_county" text;
--> statement-breakpoint
UPDATE "units" SET "code_county" = unit_code_county("code");
--> statement-breakpoint
CREATE FUNCTION units_code_county() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.code_county := unit_code_county(NEW.code);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER units_code_county BEFORE INSERT OR UPDATE OF code ON "units"
  FOR EACH ROW EXECUTE FUNCTION units_code_county();
--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_key" ON "units" ((coalesce("code_county", "area_code", '')), "code");
--> statement-breakpoint
ALTER TABLE "units" DROP CONSTRAINT "units_code_unique";
--> statement-breakpoint
-- a code's lookups (the search, the audit filter) still go by the code alone
CREATE INDEX "units_code_idx" ON "units" ("code");
--> statement-breakpoint
DO $$
DECLARE
  r record;
  n int := 0;
BEGIN
  FOR r IN SELECT code, area_code, code_county FROM units
           WHERE code_county IS NOT NULL AND code_county IS DISTINCT FROM area_code ORDER BY code LIMIT 50 LOOP
    RAISE NOTICE 'unit % names county % by its code but sits in %: left as it is', r.code, r.code_county, coalesce(r.area_code, 'no county');
  END LOOP;
  SELECT count(*) INTO n FROM units WHERE code_county IS NOT NULL AND code_county IS DISTINCT FROM area_code;
  IF n > 0 THEN RAISE NOTICE '% unit(s) in all sit outside the county their code names', n; END IF;
  FOR r IN SELECT code FROM units
           WHERE code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$' AND NOT uscc_valid(code) ORDER BY code LIMIT 50 LOOP
    RAISE NOTICE 'unit % has the form of a 统一社会信用代码 with a wrong check character: left as it is', r.code;
  END LOOP;
END $$;
