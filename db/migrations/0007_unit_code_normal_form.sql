-- Unit codes in their one stored form (shared/domain/codes.ts): NFKC, trimmed, ASCII letters
-- upper-cased (upper() under the "C" collation changes ASCII letters only, as the JavaScript does).
-- A code whose normal form another unit also has would break the unique index: such units are
-- left exactly as they are, and each is named in a NOTICE, for the office to merge or rename
-- (find them later with: SELECT code FROM units WHERE code <> upper(btrim(normalize(code, NFKC)) COLLATE "C")).
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    WITH n AS (SELECT code, upper(btrim(normalize(code, NFKC)) COLLATE "C") AS norm FROM units)
    SELECT a.code, a.norm FROM n a
    WHERE a.code <> a.norm AND (SELECT count(*) FROM n b WHERE b.norm = a.norm) > 1
    ORDER BY a.norm, a.code
  LOOP
    RAISE NOTICE 'unit code "%" was not normalised: "%" is also another unit''s code', r.code, r.norm;
  END LOOP;
END $$;--> statement-breakpoint
WITH n AS (SELECT id, code, upper(btrim(normalize(code, NFKC)) COLLATE "C") AS norm FROM units)
UPDATE units u SET code = n.norm
FROM n
WHERE u.id = n.id AND n.code <> n.norm
  AND NOT EXISTS (SELECT 1 FROM n o WHERE o.norm = n.norm AND o.id <> n.id);--> statement-breakpoint
UPDATE units SET parent_code = upper(btrim(normalize(parent_code, NFKC)) COLLATE "C")
WHERE parent_code IS NOT NULL AND parent_code <> upper(btrim(normalize(parent_code, NFKC)) COLLATE "C");
