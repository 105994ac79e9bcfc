import "server-only";
import { asc, ne } from "drizzle-orm";
import { db } from "@/db";
import { plans } from "@/db/schema";
import type { DateRange } from "@/lib/reports/date-range";
import { addDays, bucketSums, monthsTouching, weeksTouching, widen } from "./periods";
import { ALL_DAYS, dailyValues, daySpanOf, latestRefresh, stocksOn, sumDaily, type Conn } from "./rollups";
import { ratio } from "./stats";

export type PlanFigures = { planId: string; name: string; kind: string; interval: string | null; paid: number; trialing: number; mrrCents: number };
export type ChurnMonth = { month: string; payingAtStart: number; churned: number; rate: number | null };

export type MembershipView = {
  /** Everyone who signed up, to the last refresh. */
  membersTotal: number;
  newMembers: number;
  plans: PlanFigures[];
  paidTotal: number;
  trialingTotal: number;
  mrrCents: number;
  arrCents: number;
  lifetime: { purchases: number; revenueCents: number; reversed: number; revenueAllTimeCents: number };
  trials: { started: number; decided: number; converted: number; rate: number | null };
  newPerWeek: { week: string; members: number }[];
  churn: ChurnMonth[];
};

/** Membership figures: stocks as of the last refresh, flows over the range. */
export async function loadMembership(range: DateRange, conn: Conn = db): Promise<MembershipView> {
  const refresh = await latestRefresh(conn);
  const asOfDay = refresh?.day ?? addDays(range.fromDay, -1);
  const span = daySpanOf(range);
  // Series stop at the last refresh: a week or month after it has no figures yet, not zero ones.
  const weeks = weeksTouching(range).filter((week) => week <= asOfDay);
  const months = monthsTouching(range).filter((month) => month <= asOfDay);
  const weekSpan = widen(range, "week");
  const monthSpan = widen(range, "month");

  const [planRows, stocks, toDate, inRange, weekly, beforeMonths, monthly] = await Promise.all([
    conn.select().from(plans).where(ne(plans.kind, "free")).orderBy(asc(plans.sortOrder), asc(plans.id)),
    refresh ? stocksOn(conn, ["paid_members", "trialing_members", "mrr_cents"], refresh.day) : Promise.resolve([]),
    sumDaily(conn, ["new_members", "lifetime_revenue_cents"], ALL_DAYS(addDays(asOfDay, 1))),
    sumDaily(conn, ["new_members", "lifetime_purchases", "lifetime_revenue_cents", "lifetime_reversed", "trials_started", "trials_decided", "trials_converted"], span),
    dailyValues(conn, ["new_members"], weekSpan),
    sumDaily(conn, ["paid_starts", "paid_ends"], ALL_DAYS(monthSpan.fromDay)),
    dailyValues(conn, ["paid_starts", "paid_ends"], monthSpan),
  ]);

  const stock = (metric: string, planId: string) => stocks.find((row) => row.metric === metric && row.dimension === planId)?.value ?? 0;
  const planIds = new Set([...planRows.map((plan) => plan.id), ...stocks.map((row) => row.dimension)]);
  const figures: PlanFigures[] = [...planIds]
    .map((planId) => {
      const plan = planRows.find((row) => row.id === planId);
      const figure = { planId, name: plan?.name ?? planId, kind: plan?.kind ?? "recurring", interval: plan?.interval ?? null, paid: stock("paid_members", planId), trialing: stock("trialing_members", planId), mrrCents: stock("mrr_cents", planId) };
      return { figure, shown: (plan?.active ?? false) || figure.paid > 0 || figure.trialing > 0 };
    })
    // a retired plan nobody is on any more is not worth a row
    .filter((entry) => entry.shown)
    .map((entry) => entry.figure);
  const mrrCents = figures.reduce((sum, plan) => sum + plan.mrrCents, 0);

  const newByWeek = bucketSums(weekly, weeks, "week");
  const starts = bucketSums(monthly.filter((row) => row.metric === "paid_starts"), months, "month");
  const ends = bucketSums(monthly.filter((row) => row.metric === "paid_ends"), months, "month");
  let paying = beforeMonths.paid_starts - beforeMonths.paid_ends;
  const churn = months.map((month) => {
    const row = { month, payingAtStart: paying, churned: ends.get(month)!, rate: ratio(ends.get(month)!, paying) };
    paying += starts.get(month)! - ends.get(month)!;
    return row;
  });

  return {
    membersTotal: toDate.new_members,
    newMembers: inRange.new_members,
    plans: figures,
    paidTotal: figures.reduce((sum, plan) => sum + plan.paid, 0),
    trialingTotal: figures.reduce((sum, plan) => sum + plan.trialing, 0),
    mrrCents,
    arrCents: mrrCents * 12,
    lifetime: { purchases: inRange.lifetime_purchases, revenueCents: inRange.lifetime_revenue_cents, reversed: inRange.lifetime_reversed, revenueAllTimeCents: toDate.lifetime_revenue_cents },
    trials: { started: inRange.trials_started, decided: inRange.trials_decided, converted: inRange.trials_converted, rate: ratio(inRange.trials_converted, inRange.trials_decided) },
    newPerWeek: weeks.map((week) => ({ week, members: newByWeek.get(week)! })),
    churn,
  };
}
