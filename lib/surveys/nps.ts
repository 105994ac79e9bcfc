import "server-only";
import { addMonths } from "date-fns";
import { and, eq, gte, isNotNull, lt, sql } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { surveyInvitations } from "@/db/schema";
import type { DateRange } from "@/lib/reports/date-range";
import { npsOf, type NpsCounts } from "./nps-score";

export type NpsMonth = NpsCounts & {
  /** YYYY-MM, in UTC. */
  month: string;
  /** −100…100, whole; null for a month nobody answered in. */
  nps: number | null;
};

export type NpsSummary = NpsCounts & { nps: number | null };

const bands = {
  responses: sql<number>`count(*)::int`,
  promoters: sql<number>`count(*) filter (where ${surveyInvitations.score} >= 9)::int`,
  passives: sql<number>`count(*) filter (where ${surveyInvitations.score} between 7 and 8)::int`,
  detractors: sql<number>`count(*) filter (where ${surveyInvitations.score} <= 6)::int`,
};

function answeredIn(range: Pick<DateRange, "from" | "toExclusive"> | null, surveyId?: string) {
  return and(
    isNotNull(surveyInvitations.answeredAt),
    range ? and(gte(surveyInvitations.answeredAt, range.from), lt(surveyInvitations.answeredAt, range.toExclusive)) : undefined,
    surveyId ? eq(surveyInvitations.surveyId, surveyId) : undefined,
  );
}

/** The calendar months (UTC) the range touches, first to last. */
function monthsOf(range: Pick<DateRange, "from" | "toExclusive">): string[] {
  const months: string[] = [];
  let cursor = new Date(Date.UTC(range.from.getUTCFullYear(), range.from.getUTCMonth(), 1));
  while (cursor < range.toExclusive) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor = addMonths(cursor, 1);
  }
  return months;
}

/**
 * NPS per calendar month (UTC) of the answers given in the range, every survey together (or one
 * survey): one row for every month the range touches, oldest first, empty months included with
 * `nps: null`, so a trend line shows the gap instead of joining over it. Served by
 * survey_invitations_answered_idx.
 */
export async function npsByMonth(range: Pick<DateRange, "from" | "toExclusive">, conn: Db | Tx = db, options: { surveyId?: string } = {}): Promise<NpsMonth[]> {
  const month = sql<string>`to_char(${surveyInvitations.answeredAt} at time zone 'UTC', 'YYYY-MM')`;
  const rows = await conn
    .select({ month, ...bands })
    .from(surveyInvitations)
    .where(answeredIn(range, options.surveyId))
    .groupBy(month);
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  return monthsOf(range).map((m) => {
    const counts = byMonth.get(m) ?? { responses: 0, promoters: 0, passives: 0, detractors: 0 };
    const { responses, promoters, passives, detractors } = counts;
    return { month: m, responses, promoters, passives, detractors, nps: npsOf(counts) };
  });
}

/** One NPS over the range (null: all time), every survey or one. */
export async function npsSummary(range: Pick<DateRange, "from" | "toExclusive"> | null, conn: Db | Tx = db, options: { surveyId?: string } = {}): Promise<NpsSummary> {
  const [counts] = await conn.select(bands).from(surveyInvitations).where(answeredIn(range, options.surveyId));
  return { ...counts, nps: npsOf(counts) };
}
