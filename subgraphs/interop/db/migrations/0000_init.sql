CREATE SCHEMA IF NOT EXISTS "interop";
--> statement-breakpoint
CREATE TABLE "interop"."audit_log" (
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
CREATE TABLE "interop"."partners" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"rights" text[] DEFAULT '{}'::text[] NOT NULL,
	"jwks" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_person_id_at_index" ON "interop"."audit_log" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_index" ON "interop"."audit_log" USING btree ("at");