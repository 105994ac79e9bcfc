import "server-only";
import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { analyticsDaily, analyticsRefreshes } from "@/db/schema";
import type { DailyMetric } from "./metrics";
import { dayOf } from "./periods";

/*
 * Reads of the rollups, the only tables the dashboard touches (a few thousand rows whatever the
 * program's size). Days are 'YYYY-MM-DD' (UTC); a missing row is a zero.
 */

export type Conn = Db | Tx;

export type Refresh = { asOf: Date; day: string; durationMs: number };

export async function latestRefresh(conn: Conn = db): Promise<Refresh | null> {
  const [row] = await conn.select().from(analyticsRefreshes).orderBy(desc(analyticsRefreshes.id)).limit(1);
  return row ? { asOf: row.asOf, day: dayOf(row.asOf), durationMs: row.durationMs } : null;
}

/** Days from `fromDay` up to, not including, `toDayExclusive`. */
export type DaySpan = { fromDay: string; toDayExclusive: string };

export function daySpanOf(range: { from: Date; toExclusive: Date }): DaySpan {
  return { fromDay: dayOf(range.from), toDayExclusive: dayOf(range.toExclusive) };
}

const inSpan = (span: DaySpan) => and(gte(analyticsDaily.day, span.fromDay), lt(analyticsDaily.day, span.toDayExclusive));
const total = sql<string>`sum(${analyticsDaily.value})`;

/** Each metric's total over the days (every dimension together). */
export async function sumDaily<M extends DailyMetric>(conn: Conn, metrics: readonly M[], span: DaySpan): Promise<Record<M, number>> {
  const rows = await conn
    .select({ metric: analyticsDaily.metric, total })
    .from(analyticsDaily)
    .where(and(inArray(analyticsDaily.metric, [...metrics]), inSpan(span)))
    .groupBy(analyticsDaily.metric);
  const out = Object.fromEntries(metrics.map((metric) => [metric, 0])) as Record<M, number>;
  for (const row of rows) out[row.metric as M] = Number(row.total);
  return out;
}

/** Per day (every dimension together), for weekly and monthly series. */
export async function dailyValues<M extends DailyMetric>(conn: Conn, metrics: readonly M[], span: DaySpan): Promise<{ metric: M; day: string; value: number }[]> {
  const rows = await conn
    .select({ metric: analyticsDaily.metric, day: analyticsDaily.day, total })
    .from(analyticsDaily)
    .where(and(inArray(analyticsDaily.metric, [...metrics]), inSpan(span)))
    .groupBy(analyticsDaily.metric, analyticsDaily.day);
  return rows.map((row) => ({ metric: row.metric as M, day: row.day, value: Number(row.total) }));
}

/** Per dimension (plan, reward) over the days. */
export async function dimensionValues<M extends DailyMetric>(conn: Conn, metrics: readonly M[], span: DaySpan): Promise<{ metric: M; dimension: string; value: number }[]> {
  const rows = await conn
    .select({ metric: analyticsDaily.metric, dimension: analyticsDaily.dimension, total })
    .from(analyticsDaily)
    .where(and(inArray(analyticsDaily.metric, [...metrics]), inSpan(span)))
    .groupBy(analyticsDaily.metric, analyticsDaily.dimension);
  return rows.map((row) => ({ metric: row.metric as M, dimension: row.dimension, value: Number(row.total) }));
}

/** Stock metrics as written by the refresh of that day. */
export async function stocksOn<M extends DailyMetric>(conn: Conn, metrics: readonly M[], day: string): Promise<{ metric: M; dimension: string; value: number }[]> {
  const rows = await conn
    .select({ metric: analyticsDaily.metric, dimension: analyticsDaily.dimension, value: analyticsDaily.value })
    .from(analyticsDaily)
    .where(and(inArray(analyticsDaily.metric, [...metrics]), eq(analyticsDaily.day, day)));
  return rows.map((row) => ({ metric: row.metric as M, dimension: row.dimension, value: Number(row.value) }));
}

/** Since the beginning: for totals "to date". */
export const ALL_DAYS = (toDayExclusive: string): DaySpan => ({ fromDay: "0001-01-01", toDayExclusive });
