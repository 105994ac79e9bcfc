import "server-only";
import { db } from "@/db";
import { getHoldoutSettings } from "./holdout";
import { loadPurchaseStats, type SegmentStats } from "./loyalty";
import type { Conn } from "./rollups";
import type { HoldoutSettings } from "./schemas";
import { differenceOfProportions, type ProportionDifference } from "./stats";

export type IncrementalityView = {
  settings: HoldoutSettings;
  /** All time since each customer was assigned (groups are drawn at creation, so every order counts). */
  control: SegmentStats;
  treatment: SegmentStats;
  /** Repeat purchase rate, treatment − control, with its 95% interval. */
  repeatRate: ProportionDifference;
};

export async function loadIncrementality(conn: Conn = db): Promise<IncrementalityView> {
  const [settings, stats] = await Promise.all([getHoldoutSettings(conn), loadPurchaseStats(conn)]);
  const { control, treatment } = stats.all;
  return {
    settings,
    control,
    treatment,
    repeatRate: differenceOfProportions({ successes: treatment.repeatCustomers, trials: treatment.customers }, { successes: control.repeatCustomers, trials: control.customers }),
  };
}
