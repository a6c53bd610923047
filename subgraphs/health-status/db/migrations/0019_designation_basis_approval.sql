CREATE TABLE "health_status"."designation_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"organisation" text NOT NULL,
	"officer" text,
	"count" integer NOT NULL,
	"threshold" integer NOT NULL,
	"window_minutes" integer NOT NULL,
	"designation_id" uuid
);
--> statement-breakpoint
CREATE TABLE "health_status"."designation_counters" (
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"basis_kind" text NOT NULL,
	"organisation" text NOT NULL,
	"made" integer DEFAULT 0 NOT NULL,
	"approved" integer DEFAULT 0 NOT NULL,
	"lapsed" integer DEFAULT 0 NOT NULL,
	"lifted" integer DEFAULT 0 NOT NULL,
	"appealed" integer DEFAULT 0 NOT NULL,
	"upheld" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "designation_counters_day_kind_basis_kind_organisation_pk" PRIMARY KEY("day","kind","basis_kind","organisation")
);
--> statement-breakpoint
ALTER TABLE "health_status"."risk_designations" ADD COLUMN "basis_kind" text;--> statement-breakpoint
ALTER TABLE "health_status"."risk_designations" ADD COLUMN "basis_reference" text;--> statement-breakpoint
ALTER TABLE "health_status"."risk_designations" ADD COLUMN "organisation" text;--> statement-breakpoint
ALTER TABLE "health_status"."risk_designations" ADD COLUMN "status" text DEFAULT 'ACTIVE' NOT NULL;--> statement-breakpoint
ALTER TABLE "health_status"."risk_designations" ADD COLUMN "emergency" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "health_status"."risk_designations" ADD COLUMN "lapses_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "health_status"."risk_designations" ADD COLUMN "lapsed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "health_status"."risk_designations" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "health_status"."risk_designations" ADD COLUMN "approved_by" text;--> statement-breakpoint
ALTER TABLE "health_status"."risk_designations" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
CREATE INDEX "designation_alerts_at_idx" ON "health_status"."designation_alerts" USING btree ("at");--> statement-breakpoint
CREATE INDEX "risk_designations_batch_idx" ON "health_status"."risk_designations" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "risk_designations_lapse_idx" ON "health_status"."risk_designations" USING btree ("lapses_at") WHERE status = 'ACTIVE' and emergency and approved_at is null;--> statement-breakpoint
CREATE INDEX "risk_designations_created_by_idx" ON "health_status"."risk_designations" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE INDEX "risk_designations_organisation_idx" ON "health_status"."risk_designations" USING btree ("organisation","created_at");