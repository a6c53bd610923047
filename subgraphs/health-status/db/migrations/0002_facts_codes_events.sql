CREATE TABLE "health_status"."acl_bindings" (
	"channel" text NOT NULL,
	"channel_user" text NOT NULL,
	"person_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "acl_bindings_channel_channel_user_pk" PRIMARY KEY("channel","channel_user")
);
--> statement-breakpoint
CREATE TABLE "health_status"."acl_guardianships" (
	"guardian_id" uuid NOT NULL,
	"dependent_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "acl_guardianships_guardian_id_dependent_id_pk" PRIMARY KEY("guardian_id","dependent_id")
);
--> statement-breakpoint
CREATE TABLE "health_status"."day_facts" (
	"person_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"declared" boolean DEFAULT false NOT NULL,
	"max_temperature" numeric(3, 1),
	"symptoms" boolean DEFAULT false NOT NULL,
	"exposures" text[] DEFAULT '{}'::text[] NOT NULL,
	"checkpoint_fever" boolean DEFAULT false NOT NULL,
	"declaration_version" integer DEFAULT 0 NOT NULL,
	"versions_received" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "day_facts_person_id_local_date_pk" PRIMARY KEY("person_id","local_date")
);
--> statement-breakpoint
CREATE TABLE "health_status"."event_inbox" (
	"consumer" text NOT NULL,
	"stream" text NOT NULL,
	"event_id" bigint NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_inbox_consumer_stream_event_id_pk" PRIMARY KEY("consumer","stream","event_id")
);
--> statement-breakpoint
CREATE TABLE "health_status"."event_offsets" (
	"consumer" text NOT NULL,
	"stream" text NOT NULL,
	"txid" "xid8" DEFAULT '0'::xid8 NOT NULL,
	"last_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_offsets_consumer_stream_pk" PRIMARY KEY("consumer","stream")
);
--> statement-breakpoint
CREATE TABLE "health_status"."events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"type" text NOT NULL,
	"person_id" uuid,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_status"."health_codes" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"color" text NOT NULL,
	"rule_version" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"green_on" date,
	"normal_days" integer NOT NULL,
	"local_date" date NOT NULL,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_status"."persons" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"document_type" text NOT NULL,
	"document_index" text NOT NULL,
	"region" text NOT NULL,
	"birth_date" date,
	"code_id" uuid NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "health_status"."risk_designations" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "health_status"."risk_designations" ADD COLUMN "voided_by" text;--> statement-breakpoint
ALTER TABLE "health_status"."risk_designations" ADD COLUMN "void_reason" text;--> statement-breakpoint
CREATE INDEX "events_txid_id_index" ON "health_status"."events" USING btree ("txid","id");--> statement-breakpoint
CREATE INDEX "health_codes_color_index" ON "health_status"."health_codes" USING btree ("color");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_document_uq" ON "health_status"."persons" USING btree ("document_type","document_index");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_code_id_uq" ON "health_status"."persons" USING btree ("code_id");--> statement-breakpoint
CREATE INDEX "persons_region_index" ON "health_status"."persons" USING btree ("region");