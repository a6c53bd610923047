CREATE TABLE "gateway"."partner_jtis" (
	"partner_code" text NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "partner_jtis_partner_code_jti_pk" PRIMARY KEY("partner_code","jti")
);
--> statement-breakpoint
CREATE INDEX "partner_jtis_expires_at_index" ON "gateway"."partner_jtis" USING btree ("expires_at");