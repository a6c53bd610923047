CREATE TABLE "interop"."event_inbox" (
	"consumer" text NOT NULL,
	"stream" text NOT NULL,
	"event_id" bigint NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_inbox_consumer_stream_event_id_pk" PRIMARY KEY("consumer","stream","event_id")
);
--> statement-breakpoint
CREATE TABLE "interop"."event_offsets" (
	"consumer" text NOT NULL,
	"stream" text NOT NULL,
	"txid" "xid8" DEFAULT '0'::xid8 NOT NULL,
	"last_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_offsets_consumer_stream_pk" PRIMARY KEY("consumer","stream")
);
--> statement-breakpoint
CREATE TABLE "interop"."events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"type" text NOT NULL,
	"person_id" uuid,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interop"."foreign_scans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"checkpoint_id" text NOT NULL,
	"issuer" text,
	"at" timestamp with time zone NOT NULL,
	"color" text,
	"valid" boolean NOT NULL,
	"pass" boolean NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "interop"."partner_keys" (
	"partner_code" text NOT NULL,
	"kid" text NOT NULL,
	"jwk" jsonb NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"not_after" timestamp with time zone,
	CONSTRAINT "partner_keys_partner_code_kid_pk" PRIMARY KEY("partner_code","kid")
);
--> statement-breakpoint
CREATE TABLE "interop"."partner_requests" (
	"partner_code" text NOT NULL,
	"request_id" text NOT NULL,
	"operation" text NOT NULL,
	"input_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_requests_partner_code_request_id_pk" PRIMARY KEY("partner_code","request_id")
);
--> statement-breakpoint
CREATE TABLE "interop"."resident_status" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"document_type" text NOT NULL,
	"document_index" text NOT NULL,
	"color" text DEFAULT 'GREEN' NOT NULL,
	"rule_version" text,
	"as_of" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "events_txid_id_index" ON "interop"."events" USING btree ("txid","id");--> statement-breakpoint
CREATE INDEX "foreign_scans_checkpoint_at_idx" ON "interop"."foreign_scans" USING btree ("checkpoint_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_status_document_uq" ON "interop"."resident_status" USING btree ("document_type","document_index");