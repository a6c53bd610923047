CREATE TABLE "health_status"."color_counters" (
	"region" text NOT NULL,
	"color" text NOT NULL,
	"slot" smallint NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "color_counters_region_color_slot_pk" PRIMARY KEY("region","color","slot")
);
