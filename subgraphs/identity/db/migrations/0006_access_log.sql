CREATE TABLE "identity"."access_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"type" text NOT NULL,
	"person_id" uuid,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity"."access_log" (
	"stream" text NOT NULL,
	"event_id" bigint NOT NULL,
	"person_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"principal_kind" text NOT NULL,
	"principal_subject" text NOT NULL,
	"action" text NOT NULL,
	"operation" text,
	"ticket" text,
	"organisation" text,
	"what" text,
	CONSTRAINT "access_log_stream_event_id_pk" PRIMARY KEY("stream","event_id")
);
--> statement-breakpoint
CREATE TABLE "identity"."event_inbox" (
	"consumer" text NOT NULL,
	"stream" text NOT NULL,
	"event_id" bigint NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_inbox_consumer_stream_event_id_pk" PRIMARY KEY("consumer","stream","event_id")
);
--> statement-breakpoint
CREATE TABLE "identity"."event_offsets" (
	"consumer" text NOT NULL,
	"stream" text NOT NULL,
	"txid" "xid8" DEFAULT '0'::xid8 NOT NULL,
	"last_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_offsets_consumer_stream_pk" PRIMARY KEY("consumer","stream")
);
--> statement-breakpoint
CREATE INDEX "access_events_txid_id_index" ON "identity"."access_events" USING btree ("txid","id");--> statement-breakpoint
CREATE INDEX "access_events_unpublished_idx" ON "identity"."access_events" USING btree ("id") WHERE "identity"."access_events"."published_at" is null;--> statement-breakpoint
CREATE INDEX "access_log_person_id_at_stream_event_id_index" ON "identity"."access_log" USING btree ("person_id","at","stream","event_id");