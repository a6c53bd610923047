CREATE TABLE "health_status"."color_counters" (
	"region" text NOT NULL,
	"color" text NOT NULL,
	"slot" smallint NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "color_counters_region_color_slot_pk" PRIMARY KEY("region","color","slot")
);
--> statement-breakpoint
CREATE TABLE "health_status"."scan_counters" (
	"checkpoint_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"slot" smallint NOT NULL,
	"scans" integer NOT NULL,
	"passed" integer NOT NULL,
	CONSTRAINT "scan_counters_checkpoint_id_hour_slot_pk" PRIMARY KEY("checkpoint_id","hour","slot")
);
--> statement-breakpoint
CREATE INDEX "scan_counters_hour_idx" ON "health_status"."scan_counters" USING btree ("hour");