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
