CREATE SCHEMA IF NOT EXISTS "health_status";
--> statement-breakpoint
CREATE TABLE "health_status"."audit_log" (
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
CREATE TABLE "health_status"."risk_designations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" text,
	"lift_note" text
);
--> statement-breakpoint
CREATE INDEX "audit_log_person_id_at_index" ON "health_status"."audit_log" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_index" ON "health_status"."audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "risk_designations_person_idx" ON "health_status"."risk_designations" USING btree ("person_id","since");