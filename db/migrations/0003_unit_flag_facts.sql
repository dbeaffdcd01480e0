ALTER TABLE "units" ADD COLUMN "refused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "postponements" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "first_postponed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "connection_at" timestamp with time zone;--> statement-breakpoint
-- fill them from the stored progress, which already holds these facts
UPDATE "units" SET
  "refused_at" = CASE WHEN "wiring_status" = 'blocked' AND "progress" #>> '{wiring,blockedBy}' = 'refused'
    THEN ("progress" #>> '{wiring,blockedAt}')::timestamptz END,
  "postponements" = coalesce(("progress" ->> 'postponements')::int, 0),
  "first_postponed_at" = ("progress" ->> 'firstPostponedAt')::timestamptz,
  "connection_at" = CASE WHEN "connection_status" = 'done' THEN ("progress" #>> '{connection,since}')::timestamptz END;
