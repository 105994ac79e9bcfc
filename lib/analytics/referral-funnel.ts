import "server-only";
import { db } from "@/db";
import type { DateRange } from "@/lib/reports/date-range";
import { daySpanOf, sumDaily, type Conn } from "./rollups";
import { ratio } from "./stats";

export type FunnelStep = { step: "clicks" | "signups" | "paid"; label: string; count: number; ofPrevious: number | null };
export type ReferralFunnelView = { steps: FunnelStep[]; clickToPaid: number | null };

/** Clicks, sign-ups and first paid memberships in the range, each counted on the day it happened. */
export async function loadReferralFunnel(range: DateRange, conn: Conn = db): Promise<ReferralFunnelView> {
  const sums = await sumDaily(conn, ["referral_clicks", "referral_signups", "referral_paid"], daySpanOf(range));
  return {
    steps: [
      { step: "clicks", label: "Link clicks", count: sums.referral_clicks, ofPrevious: null },
      { step: "signups", label: "Sign-ups", count: sums.referral_signups, ofPrevious: ratio(sums.referral_signups, sums.referral_clicks) },
      { step: "paid", label: "Paid memberships", count: sums.referral_paid, ofPrevious: ratio(sums.referral_paid, sums.referral_signups) },
    ],
    clickToPaid: ratio(sums.referral_paid, sums.referral_clicks),
  };
}
