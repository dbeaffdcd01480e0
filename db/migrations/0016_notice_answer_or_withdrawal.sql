-- A notice holds the answer or the withdrawal, never both (0014 said so, but only refused
-- answering a withdrawn notice: an answered one could still be withdrawn). The trigger function
-- is replaced so that filling in any column of the withdrawal on an answered notice, or any
-- column of the answer on a withdrawn one (or both at once), raises.
--
-- Existing rows that already hold both (withdrawn after being answered, before this migration)
-- are LEFT AS THEY ARE: a notice is part of the record and is never rewritten, and which of the
-- two stands is the office's call, not a migration's. The count of such rows is reported as a
-- NOTICE when the migration runs; they read as withdrawn (the status gives the withdrawal
-- precedence), and the trigger keeps them from changing further.
CREATE OR REPLACE FUNCTION notices_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'notices are append-only';
  END IF;
  IF (NEW.id, NEW.year, NEW.seq, NEW.unit_id, NEW.unit_code, NEW.unit_name, NEW.flags, NEW.severity, NEW.issued_on,
      NEW.respond_by, NEW.note, NEW.issued_at, NEW.issued_by, NEW.issued_by_name, NEW.batch_id)
     IS DISTINCT FROM
     (OLD.id, OLD.year, OLD.seq, OLD.unit_id, OLD.unit_code, OLD.unit_name, OLD.flags, OLD.severity, OLD.issued_on,
      OLD.respond_by, OLD.note, OLD.issued_at, OLD.issued_by, OLD.issued_by_name, OLD.batch_id) THEN
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
--> statement-breakpoint
DO $$
DECLARE both_held integer;
BEGIN
  SELECT count(*) INTO both_held FROM notices WHERE answered_at IS NOT NULL AND withdrawn_at IS NOT NULL;
  IF both_held > 0 THEN
    RAISE NOTICE '0016: % notice(s) hold both an answer and a withdrawal (withdrawn after being answered); left as they are, shown as withdrawn: see the audit log''s notice.withdraw rows', both_held;
  END IF;
END;
$$;
