CREATE TABLE "health_status"."place_visit_counters" (
	"place_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"slot" smallint NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "place_visit_counters_place_id_hour_slot_pk" PRIMARY KEY("place_id","hour","slot")
);
--> statement-breakpoint
CREATE TABLE "health_status"."place_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"place_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"color" text NOT NULL,
	"by_person" uuid
);
--> statement-breakpoint
CREATE TABLE "health_status"."place_windows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"place_id" uuid NOT NULL,
	"from" timestamp with time zone NOT NULL,
	"to" timestamp with time zone NOT NULL,
	"basis_kind" text NOT NULL,
	"basis_reference" text NOT NULL,
	"note" text,
	"designated" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_status"."places" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"county" text NOT NULL,
	"kind" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "place_visit_counters_hour_idx" ON "health_status"."place_visit_counters" USING btree ("hour");--> statement-breakpoint
CREATE INDEX "place_visits_place_at_idx" ON "health_status"."place_visits" USING btree ("place_id","at","person_id");--> statement-breakpoint
CREATE INDEX "place_visits_person_at_idx" ON "health_status"."place_visits" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "place_visits_at_idx" ON "health_status"."place_visits" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "place_windows_uq" ON "health_status"."place_windows" USING btree ("place_id","from","to");--> statement-breakpoint
CREATE INDEX "places_county_idx" ON "health_status"."places" USING btree ("county");