CREATE TABLE "health_status"."appeal_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"appeal_id" uuid NOT NULL,
	"note" text NOT NULL,
	"author" text NOT NULL,
	"ticket" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "health_status"."appeals" ADD COLUMN "source" text DEFAULT 'CHANNEL' NOT NULL;--> statement-breakpoint
ALTER TABLE "health_status"."appeals" ADD COLUMN "ticket" text;--> statement-breakpoint
ALTER TABLE "health_status"."appeal_notes" ADD CONSTRAINT "appeal_notes_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "health_status"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeal_notes_appeal_idx" ON "health_status"."appeal_notes" USING btree ("appeal_id","at");