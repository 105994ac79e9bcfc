CREATE TYPE "public"."experiment_group" AS ENUM('control', 'treatment');--> statement-breakpoint
CREATE TYPE "public"."survey_channel" AS ENUM('app', 'email');--> statement-breakpoint
CREATE TYPE "public"."survey_trigger" AS ENUM('after_joining', 'after_experience');--> statement-breakpoint
CREATE TABLE "accounting_entry_days" (
	"day" date NOT NULL,
	"account" "ledger_account" NOT NULL,
	"increase" bigint NOT NULL,
	"decrease" bigint NOT NULL,
	"entries" bigint NOT NULL,
	CONSTRAINT "accounting_entry_days_day_account_pk" PRIMARY KEY("day","account")
);
--> statement-breakpoint
CREATE TABLE "accounting_expiry" (
	"month" date NOT NULL,
	"state" "lot_state" NOT NULL,
	"points" bigint NOT NULL,
	"lots" bigint NOT NULL,
	CONSTRAINT "accounting_expiry_month_state_pk" PRIMARY KEY("month","state")
);
--> statement-breakpoint
CREATE TABLE "accounting_lot_closings" (
	"day" date PRIMARY KEY NOT NULL,
	"lots" bigint NOT NULL,
	"expired" bigint NOT NULL,
	"redeemed" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accounting_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"entries_through" bigint DEFAULT 0 NOT NULL,
	"lots_as_of" timestamp with time zone,
	"never_expiring_available" bigint DEFAULT 0 NOT NULL,
	"never_expiring_pending" bigint DEFAULT 0 NOT NULL,
	"refreshed_at" timestamp with time zone,
	CONSTRAINT "accounting_state_single_row" CHECK ("accounting_state"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "analytics_cohorts" (
	"cohort_month" date NOT NULL,
	"months_since" integer NOT NULL,
	"members" integer NOT NULL,
	"active" integer NOT NULL,
	"purchasing" integer NOT NULL,
	CONSTRAINT "analytics_cohorts_cohort_month_months_since_pk" PRIMARY KEY("cohort_month","months_since")
);
--> statement-breakpoint
CREATE TABLE "analytics_daily" (
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"dimension" text DEFAULT '' NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "analytics_daily_metric_day_dimension_pk" PRIMARY KEY("metric","day","dimension")
);
--> statement-breakpoint
CREATE TABLE "analytics_purchase_stats" (
	"period" text NOT NULL,
	"segment" text NOT NULL,
	"population" integer NOT NULL,
	"customers" integer NOT NULL,
	"repeat_customers" integer NOT NULL,
	"orders" bigint NOT NULL,
	"revenue_cents" bigint NOT NULL,
	CONSTRAINT "analytics_purchase_stats_period_segment_pk" PRIMARY KEY("period","segment")
);
--> statement-breakpoint
CREATE TABLE "analytics_refreshes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"session_id" uuid,
	"token_hash" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"score" smallint,
	"comment" text,
	"answered_via" "survey_channel",
	"points" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_invitations_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "survey_invitations_subject_unique" UNIQUE("survey_id","customer_id","subject"),
	CONSTRAINT "survey_invitations_score_range" CHECK ("survey_invitations"."score" is null or "survey_invitations"."score" between 0 and 10),
	CONSTRAINT "survey_invitations_comment_length" CHECK ("survey_invitations"."comment" is null or char_length("survey_invitations"."comment") <= 1000),
	CONSTRAINT "survey_invitations_answer_complete" CHECK (("survey_invitations"."answered_at" is null) = ("survey_invitations"."score" is null) and ("survey_invitations"."answered_at" is null) = ("survey_invitations"."answered_via" is null))
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"question" text NOT NULL,
	"trigger" "survey_trigger" NOT NULL,
	"delay_days" integer NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_delay_days_range" CHECK ("surveys"."delay_days" between 0 and 365)
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "experiment_group" "experiment_group";--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "qualifying_amount_cents" integer;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_session_id_experience_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."experience_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_refreshes_created_idx" ON "analytics_refreshes" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "survey_invitations_answered_idx" ON "survey_invitations" USING btree ("answered_at");--> statement-breakpoint
CREATE INDEX "survey_invitations_survey_idx" ON "survey_invitations" USING btree ("survey_id","answered_at");--> statement-breakpoint
CREATE INDEX "survey_invitations_customer_idx" ON "survey_invitations" USING btree ("customer_id","answered_at");--> statement-breakpoint
CREATE INDEX "customer_tiers_tier_idx" ON "customer_tiers" USING btree ("tier_id");--> statement-breakpoint
CREATE INDEX "customers_email_search_idx" ON "customers" USING btree ("email" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_name_search_idx" ON "customers" USING btree (lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_store_only_idx" ON "customers" USING btree ("created_at","id") WHERE "customers"."user_id" is null;--> statement-breakpoint
CREATE INDEX "email_outbox_due_idx" ON "email_outbox" USING btree ("next_attempt_at") WHERE "email_outbox"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "email_outbox_failed_idx" ON "email_outbox" USING btree ("created_at") WHERE "email_outbox"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "memberships_status_plan_idx" ON "memberships" USING btree ("status","plan_id");--> statement-breakpoint
CREATE INDEX "memberships_plan_idx" ON "memberships" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_live_comp_unique" ON "memberships" USING btree ("user_id") WHERE "memberships"."source" = 'admin_grant' and "memberships"."status" in ('trialing', 'active', 'past_due');--> statement-breakpoint
CREATE INDEX "memberships_comp_end_idx" ON "memberships" USING btree ("current_period_end") WHERE "memberships"."source" = 'admin_grant' and "memberships"."status" in ('trialing', 'active', 'past_due');--> statement-breakpoint
CREATE INDEX "referrals_qualifying_reference_idx" ON "referrals" USING btree ("qualifying_reference");--> statement-breakpoint
CREATE INDEX "users_email_search_idx" ON "users" USING btree (lower("email") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "users_name_search_idx" ON "users" USING btree (lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "users_name_words_idx" ON "users" USING gin (string_to_array(lower("name"), ' '));--> statement-breakpoint
CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at","id");