import "server-only";
import { db } from "@/db";
import type { DateRange } from "@/lib/reports/date-range";
import { daySpanOf, sumDaily, type Conn } from "./rollups";
import { ratio } from "./stats";

export type ReturnWindow = { days: 30 | 90; eligible: number; returned: number; rate: number | null };
export type RewardReturnView = { members: number; windows: ReturnWindow[] };

/** Of members whose first discount redemption falls in the range: who ordered again within 30 and 90 days. */
export async function loadRewardReturn(range: DateRange, conn: Conn = db): Promise<RewardReturnView> {
  const sums = await sumDaily(conn, ["reward_return_members", "reward_return_matured_30", "reward_return_30", "reward_return_matured_90", "reward_return_90"], daySpanOf(range));
  return {
    members: sums.reward_return_members,
    windows: [
      { days: 30, eligible: sums.reward_return_matured_30, returned: sums.reward_return_30, rate: ratio(sums.reward_return_30, sums.reward_return_matured_30) },
      { days: 90, eligible: sums.reward_return_matured_90, returned: sums.reward_return_90, rate: ratio(sums.reward_return_90, sums.reward_return_matured_90) },
    ],
  };
}
