CREATE TABLE "identity"."employer_memberships" (
	"id" uuid PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"person_id" uuid NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."employers" (
	"credit_code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity"."employer_memberships" ADD CONSTRAINT "employer_memberships_credit_code_employers_credit_code_fk" FOREIGN KEY ("credit_code") REFERENCES "identity"."employers"("credit_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."employer_memberships" ADD CONSTRAINT "employer_memberships_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "identity"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "employer_memberships_uq" ON "identity"."employer_memberships" USING btree ("credit_code","person_id");--> statement-breakpoint
CREATE INDEX "employer_memberships_person_id_index" ON "identity"."employer_memberships" USING btree ("person_id");