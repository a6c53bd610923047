CREATE TABLE "declarations"."day_counters" (
	"local_date" date NOT NULL,
	"slot" smallint NOT NULL,
	"declared" integer NOT NULL,
	"abnormal" integer NOT NULL,
	CONSTRAINT "day_counters_local_date_slot_pk" PRIMARY KEY("local_date","slot")
);
