CREATE TABLE "identity"."channel_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"contact" text NOT NULL,
	"h5_origin" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"applied_by" text NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"channel_code" text,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"rejection_reason" text
);
--> statement-breakpoint
CREATE TABLE "identity"."channel_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retires_at" timestamp with time zone,
	CONSTRAINT "channel_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "identity"."channel_usage" (
	"channel" text NOT NULL,
	"day" date NOT NULL,
	"outcome" text NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "channel_usage_channel_day_outcome_pk" PRIMARY KEY("channel","day","outcome")
);
--> statement-breakpoint
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
ALTER TABLE "identity"."channels" ADD COLUMN "status" text DEFAULT 'ACTIVE' NOT NULL;--> statement-breakpoint
ALTER TABLE "identity"."channels" ADD COLUMN "suspended_reason" text;--> statement-breakpoint
ALTER TABLE "identity"."channels" ADD COLUMN "contact" text;--> statement-breakpoint
ALTER TABLE "identity"."channels" ADD COLUMN "h5_origin" text;--> statement-breakpoint
ALTER TABLE "identity"."channel_applications" ADD CONSTRAINT "channel_applications_channel_code_channels_code_fk" FOREIGN KEY ("channel_code") REFERENCES "identity"."channels"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."channel_keys" ADD CONSTRAINT "channel_keys_channel_channels_code_fk" FOREIGN KEY ("channel") REFERENCES "identity"."channels"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."legacy_conflicts" ADD CONSTRAINT "legacy_conflicts_vendor_channels_code_fk" FOREIGN KEY ("vendor") REFERENCES "identity"."channels"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."legacy_conflicts" ADD CONSTRAINT "legacy_conflicts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "identity"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_keys_channel_index" ON "identity"."channel_keys" USING btree ("channel");--> statement-breakpoint
CREATE UNIQUE INDEX "legacy_conflicts_uq" ON "identity"."legacy_conflicts" USING btree ("vendor","vendor_user","kind");--> statement-breakpoint
CREATE INDEX "legacy_conflicts_reported_at_index" ON "identity"."legacy_conflicts" USING btree ("reported_at");