ALTER TABLE "units" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "units_assignee_idx" ON "units" USING btree ("assignee_id");