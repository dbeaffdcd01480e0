-- The audit log's filters by unit and by person, newest first, without reading the whole log
-- (every step writes a row: millions of rows at county scale). Existing rows need nothing.
CREATE INDEX IF NOT EXISTS "audit_target_at_idx" ON "audit" USING btree ("target","at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "audit_actor_at_idx" ON "audit" USING btree ("actor_id","at");
