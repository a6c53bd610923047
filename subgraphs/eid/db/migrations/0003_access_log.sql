CREATE TABLE "eid"."access_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"type" text NOT NULL,
	"person_id" uuid,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "access_events_txid_id_index" ON "eid"."access_events" USING btree ("txid","id");--> statement-breakpoint
CREATE INDEX "access_events_unpublished_idx" ON "eid"."access_events" USING btree ("id") WHERE "eid"."access_events"."published_at" is null;