CREATE TABLE "point_lot_reminders" (
	"lot_id" integer NOT NULL,
	"days" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_lot_reminders_lot_id_days_pk" PRIMARY KEY("lot_id","days")
);
--> statement-breakpoint
ALTER TABLE "point_lot_reminders" ADD CONSTRAINT "point_lot_reminders_lot_id_point_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."point_lots"("id") ON DELETE no action ON UPDATE no action;