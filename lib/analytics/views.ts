import "server-only";
import type { Db } from "@/db";
import type { DateRange } from "@/lib/reports/date-range";
import { loadIncrementality } from "./incrementality";
import { loadLoyalty } from "./loyalty";
import { loadMembership } from "./membership";
import { loadNps } from "./nps";
import { loadReferralFunnel } from "./referral-funnel";
import { loadRetention } from "./retention";
import { loadRewardReturn } from "./reward-return";
import { loadRewards } from "./rewards";

export { refreshAnalytics } from "./refresh";

/**
 * Every view /admin/analytics shows, as the page loads it (npm run bench:analytics times each one
 * against a million members). Each reads only the rollups, whatever the range.
 */
export const ANALYTICS_VIEWS: { id: string; label: string; load: (range: DateRange, conn?: Db) => Promise<unknown> }[] = [
  { id: "membership", label: "Membership", load: (range, conn) => loadMembership(range, conn) },
  { id: "loyalty", label: "Loyalty effect", load: (_range, conn) => loadLoyalty(conn) },
  { id: "retention", label: "Retention cohorts", load: (range, conn) => loadRetention(range, conn) },
  { id: "incrementality", label: "Incrementality (holdout)", load: (_range, conn) => loadIncrementality(conn) },
  { id: "reward-return", label: "Return after reward", load: (range, conn) => loadRewardReturn(range, conn) },
  { id: "rewards", label: "Rewards and experiences", load: (range, conn) => loadRewards(range, conn) },
  { id: "referrals", label: "Referral funnel", load: (range, conn) => loadReferralFunnel(range, conn) },
  { id: "nps", label: "NPS", load: (range, conn) => loadNps(range, conn) },
];
