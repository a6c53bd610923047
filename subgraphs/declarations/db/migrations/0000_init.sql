CREATE SCHEMA IF NOT EXISTS "declarations";
--> statement-breakpoint
CREATE TABLE "declarations"."audit_log" (
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
CREATE TABLE "declarations"."declaration_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"version" integer NOT NULL,
	"temperature" numeric(3, 1) NOT NULL,
	"symptoms" text[] DEFAULT '{}'::text[] NOT NULL,
	"exposures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"trip" jsonb,
	"normal" boolean NOT NULL,
	"submitted_by" uuid,
	"channel" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "audit_log_person_id_at_index" ON "declarations"."audit_log" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_index" ON "declarations"."audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "declaration_versions_person_day_version_uq" ON "declarations"."declaration_versions" USING btree ("person_id","local_date","version");--> statement-breakpoint
CREATE UNIQUE INDEX "declaration_versions_current_uq" ON "declarations"."declaration_versions" USING btree ("person_id","local_date") WHERE "declarations"."declaration_versions"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "declaration_versions_day_idx" ON "declarations"."declaration_versions" USING btree ("local_date");