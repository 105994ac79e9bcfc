CREATE INDEX "customer_tiers_tier_idx" ON "customer_tiers" USING btree ("tier_id");--> statement-breakpoint
CREATE INDEX "customers_email_search_idx" ON "customers" USING btree ("email" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_name_search_idx" ON "customers" USING btree (lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_store_only_idx" ON "customers" USING btree ("created_at","id") WHERE "customers"."user_id" is null;--> statement-breakpoint
CREATE INDEX "memberships_status_plan_idx" ON "memberships" USING btree ("status","plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_live_comp_unique" ON "memberships" USING btree ("user_id") WHERE "memberships"."source" = 'admin_grant' and "memberships"."status" in ('trialing', 'active', 'past_due');--> statement-breakpoint
CREATE INDEX "memberships_comp_end_idx" ON "memberships" USING btree ("current_period_end") WHERE "memberships"."source" = 'admin_grant' and "memberships"."status" in ('trialing', 'active', 'past_due');--> statement-breakpoint
CREATE INDEX "users_email_search_idx" ON "users" USING btree (lower("email") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "users_name_search_idx" ON "users" USING btree (lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "users_name_words_idx" ON "users" USING gin (string_to_array(lower("name"), ' '));--> statement-breakpoint
CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at","id");