-- 督办 up the tree (issue 24 item 3): a city's or province's office urges an AREA below it, not a
-- unit. Such a notice names the area (target_area) instead of a unit (unit_id is null for it), and
-- keeps a snapshot of the area's roll-up figures and its worst units at the moment of issue; it is
-- answered by that area's own office. unit_code/unit_name hold the area's code and name as urged,
-- so that the printed addressee never changes, as for a unit.
ALTER TABLE "notices" ALTER COLUMN "unit_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "target_area" text REFERENCES "areas"("code");
--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "snapshot" jsonb;
--> statement-breakpoint
-- exactly one addressee: a unit, or an area (with its snapshot)
ALTER TABLE "notices" ADD CONSTRAINT "notices_one_target" CHECK (("unit_id" IS NULL) <> ("target_area" IS NULL) AND ("target_area" IS NULL OR "snapshot" IS NOT NULL));
--> statement-breakpoint
CREATE INDEX "notices_target_area_idx" ON "notices" USING btree ("target_area", "issued_at") WHERE "target_area" IS NOT NULL;
--> statement-breakpoint
-- 0016's trigger, with the two new columns among those an issued notice never changes; the rest
-- (answer XOR withdrawal, each once) is 0016's word for word.
CREATE OR REPLACE FUNCTION notices_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'notices are append-only';
  END IF;
  IF (NEW.id, NEW.year, NEW.seq, NEW.unit_id, NEW.unit_code, NEW.unit_name, NEW.flags, NEW.severity, NEW.issued_on,
      NEW.respond_by, NEW.note, NEW.issued_at, NEW.issued_by, NEW.issued_by_name, NEW.batch_id, NEW.target_area, NEW.snapshot)
     IS DISTINCT FROM
     (OLD.id, OLD.year, OLD.seq, OLD.unit_id, OLD.unit_code, OLD.unit_name, OLD.flags, OLD.severity, OLD.issued_on,
      OLD.respond_by, OLD.note, OLD.issued_at, OLD.issued_by, OLD.issued_by_name, OLD.batch_id, OLD.target_area, OLD.snapshot) THEN
    RAISE EXCEPTION 'an issued notice cannot be changed';
  END IF;
  IF OLD.answered_at IS NOT NULL AND (NEW.answer_text, NEW.answered_at, NEW.answered_by, NEW.answered_by_name)
       IS DISTINCT FROM (OLD.answer_text, OLD.answered_at, OLD.answered_by, OLD.answered_by_name) THEN
    RAISE EXCEPTION 'a notice is answered once';
  END IF;
  IF OLD.withdrawn_at IS NOT NULL AND (NEW.withdraw_reason, NEW.withdrawn_at, NEW.withdrawn_by, NEW.withdrawn_by_name)
       IS DISTINCT FROM (OLD.withdraw_reason, OLD.withdrawn_at, OLD.withdrawn_by, OLD.withdrawn_by_name) THEN
    RAISE EXCEPTION 'a notice is withdrawn once';
  END IF;
  IF (NEW.answer_text, NEW.answered_at, NEW.answered_by, NEW.answered_by_name)
       IS DISTINCT FROM (OLD.answer_text, OLD.answered_at, OLD.answered_by, OLD.answered_by_name)
     AND (OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NOT NULL) THEN
    RAISE EXCEPTION 'a withdrawn notice cannot be answered';
  END IF;
  IF (NEW.withdraw_reason, NEW.withdrawn_at, NEW.withdrawn_by, NEW.withdrawn_by_name)
       IS DISTINCT FROM (OLD.withdraw_reason, OLD.withdrawn_at, OLD.withdrawn_by, OLD.withdrawn_by_name)
     AND (OLD.answered_at IS NOT NULL OR NEW.answered_at IS NOT NULL) THEN
    RAISE EXCEPTION 'an answered notice cannot be withdrawn';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
