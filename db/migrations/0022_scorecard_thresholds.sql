-- The leaders' scorecard (issue 26): the share onboarded is green from score_green percent, yellow
-- from score_yellow, else red; the installation's defaults, and an area's own (null: inherit).
ALTER TABLE "settings" ADD COLUMN IF NOT EXISTS "score_green" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN IF NOT EXISTS "score_yellow" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "area_settings" ADD COLUMN IF NOT EXISTS "score_green" integer;--> statement-breakpoint
ALTER TABLE "area_settings" ADD COLUMN IF NOT EXISTS "score_yellow" integer;
