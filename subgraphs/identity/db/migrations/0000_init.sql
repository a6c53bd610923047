CREATE SCHEMA IF NOT EXISTS "identity";
--> statement-breakpoint
CREATE TABLE "identity"."audit_log" (
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
CREATE TABLE "identity"."channel_bindings" (
	"channel" text NOT NULL,
	"channel_user" text NOT NULL,
	"person_id" uuid NOT NULL,
	"bound_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_bindings_channel_channel_user_pk" PRIMARY KEY("channel","channel_user")
);
--> statement-breakpoint
CREATE TABLE "identity"."channels" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."persons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sex" text,
	"document_type" text NOT NULL,
	"document_index" text NOT NULL,
	"document_cipher" text NOT NULL,
	"document_masked" text NOT NULL,
	"birth_date" date,
	"region" text NOT NULL,
	"address" text,
	"phone_cipher" text,
	"phone_masked" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity"."channel_bindings" ADD CONSTRAINT "channel_bindings_channel_channels_code_fk" FOREIGN KEY ("channel") REFERENCES "identity"."channels"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."channel_bindings" ADD CONSTRAINT "channel_bindings_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "identity"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_person_id_at_index" ON "identity"."audit_log" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_index" ON "identity"."audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "channel_bindings_person_id_index" ON "identity"."channel_bindings" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_document_uq" ON "identity"."persons" USING btree ("document_type","document_index");--> statement-breakpoint
CREATE INDEX "persons_region_index" ON "identity"."persons" USING btree ("region");