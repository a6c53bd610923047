ALTER TABLE "gateway"."browser_sessions" ADD COLUMN "key_hash" text;--> statement-breakpoint
ALTER TABLE "gateway"."browser_tickets" ADD COLUMN "key_hash" text;