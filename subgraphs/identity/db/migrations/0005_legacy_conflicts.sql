CREATE TABLE "identity"."legacy_conflicts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"vendor" text NOT NULL,
	"vendor_user" text NOT NULL,
	"kind" text NOT NULL,
	"document_type" text NOT NULL,
	"document_masked" text NOT NULL,
	"person_id" uuid,
	"line" integer,
	"detail" jsonb NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity"."legacy_conflicts" ADD CONSTRAINT "legacy_conflicts_vendor_channels_code_fk" FOREIGN KEY ("vendor") REFERENCES "identity"."channels"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."legacy_conflicts" ADD CONSTRAINT "legacy_conflicts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "identity"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "legacy_conflicts_uq" ON "identity"."legacy_conflicts" USING btree ("vendor","vendor_user","kind");--> statement-breakpoint
CREATE INDEX "legacy_conflicts_reported_at_index" ON "identity"."legacy_conflicts" USING btree ("reported_at");