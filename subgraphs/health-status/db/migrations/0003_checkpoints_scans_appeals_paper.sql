CREATE TABLE "health_status"."appeals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"reason_code" text NOT NULL,
	"designation_id" uuid,
	"statement" text NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"filed_by" uuid NOT NULL,
	"channel" text,
	"filed_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "health_status"."cause_overrides" (
	"person_id" uuid NOT NULL,
	"reason_code" text NOT NULL,
	"through" date NOT NULL,
	"appeal_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cause_overrides_person_id_reason_code_through_pk" PRIMARY KEY("person_id","reason_code","through")
);
--> statement-breakpoint
CREATE TABLE "health_status"."checkpoints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"region" text NOT NULL,
	"address" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_status"."paper_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"kid" text NOT NULL,
	"rid" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"issued_by" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text
);
--> statement-breakpoint
CREATE TABLE "health_status"."scans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"checkpoint_id" uuid NOT NULL,
	"person_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"color" text,
	"token_color" text,
	"temperature" numeric(3, 1),
	"pass" boolean NOT NULL,
	"reason" text,
	"paper" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "appeals_person_idx" ON "health_status"."appeals" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "appeals_status_filed_idx" ON "health_status"."appeals" USING btree ("status","filed_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_one_open_uq" ON "health_status"."appeals" USING btree ("person_id","reason_code",coalesce("designation_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "health_status"."appeals"."status" = 'OPEN';--> statement-breakpoint
CREATE UNIQUE INDEX "paper_codes_rid_uq" ON "health_status"."paper_codes" USING btree ("rid");--> statement-breakpoint
CREATE INDEX "paper_codes_person_idx" ON "health_status"."paper_codes" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "paper_codes_kid_revoked_idx" ON "health_status"."paper_codes" USING btree ("kid","revoked_at");--> statement-breakpoint
CREATE INDEX "scans_checkpoint_at_idx" ON "health_status"."scans" USING btree ("checkpoint_id","at","id");--> statement-breakpoint
CREATE INDEX "scans_person_at_idx" ON "health_status"."scans" USING btree ("person_id","at","id");