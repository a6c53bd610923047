CREATE TABLE "health_status"."road_checks" (
	"checkpoint_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plate" text,
	"at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"people" smallint NOT NULL,
	"green" smallint NOT NULL,
	"yellow" smallint NOT NULL,
	"red" smallint NOT NULL,
	"unreadable" smallint NOT NULL,
	"pass" boolean NOT NULL,
	CONSTRAINT "road_checks_checkpoint_id_id_pk" PRIMARY KEY("checkpoint_id","id")
);
--> statement-breakpoint
ALTER TABLE "health_status"."scans" ADD COLUMN "client_scan_id" uuid;--> statement-breakpoint
ALTER TABLE "health_status"."scans" ADD COLUMN "recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "health_status"."scans" ADD COLUMN "road_check_id" uuid;--> statement-breakpoint
CREATE INDEX "road_checks_checkpoint_at_idx" ON "health_status"."road_checks" USING btree ("checkpoint_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "scans_client_scan_id_idx" ON "health_status"."scans" USING btree ("checkpoint_id","client_scan_id");