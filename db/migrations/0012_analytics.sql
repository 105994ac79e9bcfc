CREATE TYPE "public"."experiment_group" AS ENUM('control', 'treatment');--> statement-breakpoint
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
ALTER TABLE "customers" ADD COLUMN "experiment_group" "experiment_group";--> statement-breakpoint
CREATE INDEX "analytics_refreshes_created_idx" ON "analytics_refreshes" USING btree ("created_at");