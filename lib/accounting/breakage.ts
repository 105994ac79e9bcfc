import "server-only";
import { sql } from "drizzle-orm";
import { db, type Db } from "@/db";
import { accountingLotClosings, accountingState } from "@/db/schema";
import type { DateRange } from "@/lib/reports/date-range";
import { monthlyPeriods, type Closed, type Period } from "./math";
import { lotClosingSums, queryRows } from "./sources";

export type ClosedLots = Closed & { lots: number };

export type BreakagePeriod = Period &
  ClosedLots & {
    /** Every lot closed before the period's end: the breakage rate as it stood then. */
    cumulative: ClosedLots;
  };

export type BreakageReport = {
  periods: BreakagePeriod[];
  /** Lots closed before the range. */
  before: ClosedLots;
  /** Every lot closed to date: the current breakage rate. */
  toDate: ClosedLots;
  /** The moment the lot rollup describes; null when there was none yet and the lots were read live. */
  asOf: Date | null;
};

const ZERO: ClosedLots = { lots: 0, expired: 0, redeemed: 0 };
const plus = (a: ClosedLots, b: ClosedLots): ClosedLots => ({ lots: a.lots + b.lots, expired: a.expired + b.expired, redeemed: a.redeemed + b.redeemed });

/**
 * Breakage history from closed lots, month by month (by the day a lot closed). Lots change in place,
 * so the nightly refresh rebuilds their rollup whole; the report reads it (or the lots themselves
 * before the first refresh) and says as of when.
 */
export async function loadBreakage(range: DateRange, conn: Db = db): Promise<BreakageReport> {
  const fromDay = range.from.toISOString().slice(0, 10);
  const toDay = range.toExclusive.toISOString().slice(0, 10);
  const [state] = await queryRows<{ lots_as_of: string | Date | null }>(conn, sql`select lots_as_of from ${accountingState} where id = 1`);
  const asOf = state?.lots_as_of ? new Date(state.lots_as_of) : null;
  const closings = asOf ? sql`select day, lots, expired, redeemed from ${accountingLotClosings}` : lotClosingSums;

  const rows = await queryRows<{ bucket: string; lots: string; expired: string; redeemed: string }>(
    conn,
    sql`
      select case when day < ${fromDay}::date then 'before' when day >= ${toDay}::date then 'after'
          else to_char(date_trunc('month', day::timestamp), 'YYYY-MM-DD') end as bucket,
        sum(lots)::text as lots, sum(expired)::text as expired, sum(redeemed)::text as redeemed
      from (${closings}) closings
      group by 1`,
  );
  const byBucket = new Map(rows.map((r) => [r.bucket, { lots: Number(r.lots), expired: Number(r.expired), redeemed: Number(r.redeemed) }]));

  const before = byBucket.get("before") ?? ZERO;
  let cumulative = before;
  const periods = monthlyPeriods(range).map((period) => {
    const closed = byBucket.get(period.month) ?? ZERO;
    cumulative = plus(cumulative, closed);
    return { ...period, ...closed, cumulative };
  });
  return { periods, before, toDate: plus(cumulative, byBucket.get("after") ?? ZERO), asOf };
}
