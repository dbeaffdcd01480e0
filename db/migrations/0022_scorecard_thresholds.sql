-- The leaders' scorecard (issue 26): the share onboarded is green from score_green percent, yellow
-- from score_yellow, else red; the installation's defaults, and an area's own (null: inherit).
ALTER TABLE "settings" ADD COLUMN IF NOT EXISTS "score_green" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN IF NOT EXISTS "score_yellow" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "area_settings" ADD COLUMN IF NOT EXISTS "score_green" integer;--> statement-breakpoint
ALTER TABLE "area_settings" ADD COLUMN IF NOT EXISTS "score_yellow" integer;
--> statement-breakpoint
-- Display links (数据大屏): a read-only view of one scope for a wall display, opened by a bearer
-- token that is stored only as its sha256; revocable, with an expiry.
CREATE TABLE IF NOT EXISTS "display_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"label" text NOT NULL,
	"area_code" text REFERENCES "areas"("code"),
	"created_by" uuid NOT NULL REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid REFERENCES "users"("id")
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "display_links_token_hash_key" ON "display_links" ("token_hash");
