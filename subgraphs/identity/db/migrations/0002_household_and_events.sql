CREATE TABLE "identity"."events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"type" text NOT NULL,
	"person_id" uuid,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."guardianships" (
	"guardian_id" uuid NOT NULL,
	"dependent_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" text,
	CONSTRAINT "guardianships_guardian_id_dependent_id_pk" PRIMARY KEY("guardian_id","dependent_id")
);
--> statement-breakpoint
ALTER TABLE "identity"."guardianships" ADD CONSTRAINT "guardianships_guardian_id_persons_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "identity"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."guardianships" ADD CONSTRAINT "guardianships_dependent_id_persons_id_fk" FOREIGN KEY ("dependent_id") REFERENCES "identity"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_txid_id_index" ON "identity"."events" USING btree ("txid","id");--> statement-breakpoint
CREATE INDEX "guardianships_dependent_id_index" ON "identity"."guardianships" USING btree ("dependent_id");