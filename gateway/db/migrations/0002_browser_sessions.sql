CREATE TABLE "gateway"."browser_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"principal" jsonb NOT NULL,
	"csrf" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gateway"."browser_tickets" (
	"ticket_hash" text PRIMARY KEY NOT NULL,
	"principal" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "browser_sessions_expires_at_index" ON "gateway"."browser_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "browser_tickets_expires_at_index" ON "gateway"."browser_tickets" USING btree ("expires_at");