ALTER TABLE "health_status"."appeals" ADD COLUMN "ground" text DEFAULT 'DISPUTED_CAUSE' NOT NULL;--> statement-breakpoint
ALTER TABLE "health_status"."appeals" ADD COLUMN "declaration_date" date;--> statement-breakpoint
ALTER TABLE "health_status"."day_facts" ADD COLUMN "versions" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "health_status"."day_facts" ADD COLUMN "corrected_from" integer;--> statement-breakpoint
-- Days declared before this migration keep the one version health-status had applied (the latest
-- it received), so the rules judge them as before; the declarations subgraph keeps the full history.
UPDATE "health_status"."day_facts"
SET "versions" = jsonb_build_object("declaration_version"::text, jsonb_build_object('temperature', "max_temperature", 'symptoms', "symptoms", 'exposures', to_jsonb("exposures")))
WHERE "declared" AND "declaration_version" > 0 AND "max_temperature" IS NOT NULL;
