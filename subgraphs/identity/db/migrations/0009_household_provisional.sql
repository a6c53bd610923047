CREATE TABLE "identity"."document_lookups" (
	"person_id" uuid NOT NULL,
	"day" date NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "document_lookups_person_id_day_pk" PRIMARY KEY("person_id","day")
);
--> statement-breakpoint
ALTER TABLE "identity"."guardianships" ADD COLUMN "basis" text DEFAULT 'NEW_PERSON' NOT NULL;--> statement-breakpoint
-- Links that stand on an accepted request are confirmed; the rest stay provisional (see tables.ts).
UPDATE "identity"."guardianships" g SET "basis" = CASE WHEN r."decided_by" LIKE 'authority:%' THEN 'AUTHORITY' ELSE 'CONSENT' END
  FROM "identity"."guardianship_requests" r
  WHERE r."guardian_id" = g."guardian_id" AND r."dependent_id" = g."dependent_id" AND r."status" = 'ACCEPTED';
