import "server-only";
import { db } from "@/db";
import type { DateRange } from "@/lib/reports/date-range";
import { npsOf, type NpsCounts } from "@/lib/surveys/nps-score";
import { bucketSums, monthsTouching, widen } from "./periods";
import { dailyValues, daySpanOf, sumDaily, type Conn } from "./rollups";

export type NpsFigures = NpsCounts & { nps: number | null };
export type NpsView = NpsFigures & { months: (NpsFigures & { month: string })[] };

const METRICS = ["nps_responses", "nps_promoters", "nps_passives", "nps_detractors"] as const;

function figures(values: Record<(typeof METRICS)[number], number>): NpsFigures {
  const counts = { responses: values.nps_responses, promoters: values.nps_promoters, passives: values.nps_passives, detractors: values.nps_detractors };
  return { ...counts, nps: npsOf(counts) };
}

/** NPS of the answers given in the range (every survey), and per calendar month for the trend. */
export async function loadNps(range: DateRange, conn: Conn = db): Promise<NpsView> {
  const months = monthsTouching(range);
  const [totals, days] = await Promise.all([sumDaily(conn, METRICS, daySpanOf(range)), dailyValues(conn, METRICS, widen(range, "month"))]);
  const perMonth = Object.fromEntries(METRICS.map((metric) => [metric, bucketSums(days.filter((row) => row.metric === metric), months, "month")])) as Record<(typeof METRICS)[number], Map<string, number>>;
  return {
    ...figures(totals),
    months: months.map((month) => ({ month, ...figures(Object.fromEntries(METRICS.map((metric) => [metric, perMonth[metric].get(month)!])) as Record<(typeof METRICS)[number], number>) })),
  };
}
