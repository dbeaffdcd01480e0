-- A writer that fills units.code_county for a whole set of rows in one join against the area tree
-- (the import: 41,352 townships in one statement, issue 28) may say so for the rest of its
-- statement with set_config('zw.code_county_given', 'on', true), and the per-row trigger of 0018
-- is then not run: its plpgsql call and area look-up per row were a third of the national
-- import's insert. Every other writer (the API's create and PATCH, scripts, a bench loader) still
-- gets the trigger. The import's join is held equal to unit_code_county by
-- tests/api/unit-codes.county.test.ts, as unit_code_county is to shared/domain/codes.ts.
DROP TRIGGER units_code_county ON "units";
--> statement-breakpoint
CREATE TRIGGER units_code_county BEFORE INSERT OR UPDATE OF code ON "units"
  FOR EACH ROW WHEN (current_setting('zw.code_county_given', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION units_code_county();
