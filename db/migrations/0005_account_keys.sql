-- Usernames are matched by a key made in JavaScript (shared/domain/usernames.ts), never by
-- PostgreSQL's lower(). SQL cannot make that key: every existing row gets a placeholder here,
-- and db/backfill/usernames.ts replaces it, at the same start, before anyone can log in.
ALTER TABLE "users" ADD COLUMN "username_key" text;--> statement-breakpoint
UPDATE "users" SET "username_key" = '#pending#' || "id"::text;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "username_key" SET NOT NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "users_username_lower_key";--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_key_key" ON "users" USING btree ("username_key");--> statement-breakpoint
-- A session is valid only under the credentials it was made with: a new password, role, unit
-- or a disabled account bumps the user's version and ends every older session, however late
-- it was created.
ALTER TABLE "users" ADD COLUMN "credential_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "credential_version" integer DEFAULT 0 NOT NULL;
