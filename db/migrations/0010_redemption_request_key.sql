ALTER TABLE "redemptions" ADD COLUMN "request_key" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_request_key_unique" ON "redemptions" USING btree ("customer_id","request_key");