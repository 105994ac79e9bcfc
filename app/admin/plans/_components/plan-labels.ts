import type { Plan } from "@/db/schema";

/** Plan enums in the admin's words. */
export const KIND_LABELS: Record<Plan["kind"], string> = { free: "Free", one_time: "One-time (lifetime)", recurring: "Recurring" };
export const INTERVAL_LABELS: Record<NonNullable<Plan["interval"]>, string> = { month: "Monthly", year: "Yearly" };
