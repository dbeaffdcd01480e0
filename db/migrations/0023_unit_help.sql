-- Whom a unit turns to (issue 27, "no dead ends"): a technician's phone, and where a unit
-- registers: the application platform's address and its helpdesk phone, for the installation
-- (settings) and per area (area_help: a null inherits the nearest ancestor's, then the installation's).
ALTER TABLE "users" ADD COLUMN "phone" text;
--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "platform_url" text;
--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "helpdesk_phone" text;
--> statement-breakpoint
CREATE TABLE "area_help" (
  "area_code" text PRIMARY KEY NOT NULL REFERENCES "areas"("code"),
  "platform_url" text,
  "helpdesk_phone" text,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
