import "server-only";
import { and, asc, gte, lt } from "drizzle-orm";
import { db } from "@/db";
import { analyticsCohorts } from "@/db/schema";
import type { DateRange } from "@/lib/reports/date-range";
import { widen } from "./periods";
import type { Conn } from "./rollups";
import { ratio } from "./stats";

export type CohortCell = { monthsSince: number; active: number; purchasing: number; activeShare: number | null; purchasingShare: number | null };
export type Cohort = { month: string; members: number; cells: CohortCell[] };
export type RetentionView = { cohorts: Cohort[]; maxMonthsSince: number };

/** The sign-up cohorts of the months the range touches, each with every month since joining up to the last refresh. */
export async function loadRetention(range: DateRange, conn: Conn = db): Promise<RetentionView> {
  const span = widen(range, "month");
  const rows = await conn
    .select()
    .from(analyticsCohorts)
    .where(and(gte(analyticsCohorts.cohortMonth, span.fromDay), lt(analyticsCohorts.cohortMonth, span.toDayExclusive)))
    .orderBy(asc(analyticsCohorts.cohortMonth), asc(analyticsCohorts.monthsSince));
  const cohorts: Cohort[] = [];
  for (const row of rows) {
    let cohort = cohorts.at(-1);
    if (cohort?.month !== row.cohortMonth) cohorts.push((cohort = { month: row.cohortMonth, members: row.members, cells: [] }));
    cohort.cells.push({ monthsSince: row.monthsSince, active: row.active, purchasing: row.purchasing, activeShare: ratio(row.active, row.members), purchasingShare: ratio(row.purchasing, row.members) });
  }
  return { cohorts, maxMonthsSince: Math.max(-1, ...rows.map((row) => row.monthsSince)) };
}
