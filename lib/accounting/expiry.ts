import "server-only";
import { sql } from "drizzle-orm";
import { db, type Db } from "@/db";
import { accountingExpiry, accountingState } from "@/db/schema";
import { openLotsByExpiryMonth, queryRows, type OpenLotRow } from "./sources";

export type ExpiryMonth = { month: string; available: number; pending: number; lots: number };
type Points = { available: number; pending: number; lots: number };

export type ExpirySchedule = {
  /** Twelve calendar months from the month of `asOf`; lots already past due count in the first. */
  months: ExpiryMonth[];
  /** Expiring after the twelfth month. */
  later: Points;
  never: Pick<Points, "available" | "pending">;
  /** The moment the schedule describes: the last refresh, or now when read live. */
  asOf: Date;
  live: boolean;
};

export const SCHEDULE_MONTHS = 12;

/**
 * Open points by month of expiry for the next twelve months (pending points too: they expire on
 * the same date once released). Read from the rollup the nightly refresh rebuilds, or live from the
 * lots before the first refresh.
 */
export async function loadExpirySchedule(conn: Db = db, now: Date = new Date()): Promise<ExpirySchedule> {
  const [state] = await queryRows<{ lots_as_of: string | Date | null; never_expiring_available: string; never_expiring_pending: string }>(
    conn,
    sql`select lots_as_of, never_expiring_available, never_expiring_pending from ${accountingState} where id = 1`,
  );
  const live = !state?.lots_as_of;
  const asOf = live ? now : new Date(state.lots_as_of!);
  const rows = live
    ? await queryRows<OpenLotRow>(conn, openLotsByExpiryMonth(asOf))
    : await queryRows<OpenLotRow>(conn, sql`select to_char(month::timestamp, 'YYYY-MM-DD') as month, state::text as state, points::text as points, lots::text as lots from ${accountingExpiry}`);

  const months: ExpiryMonth[] = Array.from({ length: SCHEDULE_MONTHS }, (_, i) => ({
    month: new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() + i, 1)).toISOString().slice(0, 10),
    available: 0,
    pending: 0,
    lots: 0,
  }));
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const later: Points = { available: 0, pending: 0, lots: 0 };
  const never = { available: live ? 0 : Number(state.never_expiring_available), pending: live ? 0 : Number(state.never_expiring_pending) };
  for (const row of rows) {
    if (row.month === null) {
      never[row.state] += Number(row.points);
      continue;
    }
    const target = byMonth.get(row.month) ?? later;
    target[row.state] += Number(row.points);
    target.lots += Number(row.lots);
  }
  return { months, later, never, asOf, live };
}
