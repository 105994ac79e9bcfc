ALTER TABLE "referrals" ADD COLUMN "qualifying_amount_cents" integer;--> statement-breakpoint
CREATE INDEX "referrals_qualifying_reference_idx" ON "referrals" USING btree ("qualifying_reference");