CREATE TABLE "identity"."guardianship_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"guardian_id" uuid NOT NULL,
	"dependent_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text
);
--> statement-breakpoint
ALTER TABLE "identity"."guardianship_requests" ADD CONSTRAINT "guardianship_requests_guardian_id_persons_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "identity"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."guardianship_requests" ADD CONSTRAINT "guardianship_requests_dependent_id_persons_id_fk" FOREIGN KEY ("dependent_id") REFERENCES "identity"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "guardianship_requests_pending_uq" ON "identity"."guardianship_requests" USING btree ("guardian_id","dependent_id") WHERE status = 'PENDING';--> statement-breakpoint
CREATE INDEX "guardianship_requests_dependent_id_index" ON "identity"."guardianship_requests" USING btree ("dependent_id");