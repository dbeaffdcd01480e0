CREATE TABLE "notices" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "year" integer NOT NULL,
  "seq" integer NOT NULL,
  "unit_id" uuid NOT NULL REFERENCES "units"("id"),
  "unit_code" text NOT NULL,
  "unit_name" text NOT NULL,
  "flags" jsonb NOT NULL,
  "severity" double precision NOT NULL,
  "issued_on" date NOT NULL,
  "respond_by" date NOT NULL,
  "note" text,
  "issued_at" timestamp with time zone DEFAULT now() NOT NULL,
  "issued_by" uuid REFERENCES "users"("id"),
  "issued_by_name" text NOT NULL,
  "batch_id" uuid,
  "answer_text" text,
  "answered_at" timestamp with time zone,
  "answered_by" uuid REFERENCES "users"("id"),
  "answered_by_name" text,
  "withdraw_reason" text,
  "withdrawn_at" timestamp with time zone,
  "withdrawn_by" uuid REFERENCES "users"("id"),
  "withdrawn_by_name" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notices_number_key" ON "notices" USING btree ("year","seq");
--> statement-breakpoint
CREATE INDEX "notices_unit_idx" ON "notices" USING btree ("unit_id","issued_at");
--> statement-breakpoint
CREATE INDEX "notices_issued_idx" ON "notices" USING btree ("issued_at");
--> statement-breakpoint
CREATE TABLE "notice_counters" (
  "year" integer PRIMARY KEY NOT NULL,
  "last" integer NOT NULL
);
--> statement-breakpoint
-- A notice is append-only: never deleted; an update may only fill in the answer or the
-- withdrawal, once each, and never both; what was issued stays as it was issued.
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
  IF OLD.withdrawn_at IS NOT NULL AND NEW.answered_at IS DISTINCT FROM OLD.answered_at THEN
    RAISE EXCEPTION 'a withdrawn notice cannot be answered';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER notices_no_change BEFORE UPDATE OR DELETE ON "notices"
  FOR EACH ROW EXECUTE FUNCTION notices_append_only();
