CREATE SCHEMA IF NOT EXISTS "eid";
--> statement-breakpoint
CREATE TABLE "eid"."acl_bindings" (
	"channel" text NOT NULL,
	"channel_user" text NOT NULL,
	"person_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "acl_bindings_channel_channel_user_pk" PRIMARY KEY("channel","channel_user")
);
--> statement-breakpoint
CREATE TABLE "eid"."acl_guardianships" (
	"guardian_id" uuid NOT NULL,
	"dependent_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "acl_guardianships_guardian_id_dependent_id_pk" PRIMARY KEY("guardian_id","dependent_id")
);
--> statement-breakpoint
CREATE TABLE "eid"."audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"principal_kind" text NOT NULL,
	"principal_subject" text NOT NULL,
	"channel_user" text,
	"credential_id" text,
	"action" text NOT NULL,
	"person_id" uuid,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "eid"."event_inbox" (
	"consumer" text NOT NULL,
	"stream" text NOT NULL,
	"event_id" bigint NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_inbox_consumer_stream_event_id_pk" PRIMARY KEY("consumer","stream","event_id")
);
--> statement-breakpoint
CREATE TABLE "eid"."event_offsets" (
	"consumer" text NOT NULL,
	"stream" text NOT NULL,
	"txid" "xid8" DEFAULT '0'::xid8 NOT NULL,
	"last_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_offsets_consumer_stream_pk" PRIMARY KEY("consumer","stream")
);
--> statement-breakpoint
CREATE TABLE "eid"."events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"type" text NOT NULL,
	"person_id" uuid,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_person_id_at_index" ON "eid"."audit_log" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_index" ON "eid"."audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "events_txid_id_index" ON "eid"."events" USING btree ("txid","id");