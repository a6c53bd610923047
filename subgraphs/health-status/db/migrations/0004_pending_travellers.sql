CREATE TABLE "health_status"."pending_travellers" (
	"partner_code" text NOT NULL,
	"request_id" text NOT NULL,
	"document_type" text NOT NULL,
	"document_index" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_travellers_partner_code_request_id_pk" PRIMARY KEY("partner_code","request_id")
);
--> statement-breakpoint
CREATE INDEX "pending_travellers_document_idx" ON "health_status"."pending_travellers" USING btree ("document_type","document_index");