CREATE TYPE "public"."survey_channel" AS ENUM('app', 'email');--> statement-breakpoint
CREATE TYPE "public"."survey_trigger" AS ENUM('after_joining', 'after_experience');--> statement-breakpoint
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
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_session_id_experience_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."experience_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_invitations_answered_idx" ON "survey_invitations" USING btree ("answered_at");--> statement-breakpoint
CREATE INDEX "survey_invitations_survey_idx" ON "survey_invitations" USING btree ("survey_id","answered_at");--> statement-breakpoint
CREATE INDEX "survey_invitations_customer_idx" ON "survey_invitations" USING btree ("customer_id","answered_at");