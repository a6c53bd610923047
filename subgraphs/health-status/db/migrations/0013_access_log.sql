CREATE TABLE "health_status"."access_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"type" text NOT NULL,
	"person_id" uuid,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "access_events_txid_id_index" ON "health_status"."access_events" USING btree ("txid","id");--> statement-breakpoint
CREATE INDEX "access_events_unpublished_idx" ON "health_status"."access_events" USING btree ("id") WHERE "health_status"."access_events"."published_at" is null;