import "server-only";
import { inArray } from "drizzle-orm";
import { db } from "@/db";
import { rewards } from "@/db/schema";
import type { DateRange } from "@/lib/reports/date-range";
import { bucketSums, monthsTouching, widen } from "./periods";
import { dailyValues, daySpanOf, dimensionValues, sumDaily, type Conn } from "./rollups";
import { ratio } from "./stats";

export type TopReward = { rewardId: string; title: string; kind: string; redemptions: number; points: number };
export type ExperienceMonth = { month: string; seats: number; booked: number; fillRate: number | null; due: number; noShows: number; noShowRate: number | null };

export type RewardsView = {
  pointsEarned: number;
  pointsRedeemed: number;
  /** Points redeemed ÷ points earned in the range. */
  redemptionRate: number | null;
  redemptions: number;
  topRewards: TopReward[];
  experiences: Omit<ExperienceMonth, "month"> & { months: ExperienceMonth[] };
};

const TOP = 10;
const SESSION_METRICS = ["session_seats", "session_booked", "session_attendance_due", "session_no_shows"] as const;

function experienceFigures(values: Record<(typeof SESSION_METRICS)[number], number>) {
  const { session_seats: seats, session_booked: booked, session_attendance_due: due, session_no_shows: noShows } = values;
  return { seats, booked, fillRate: ratio(booked, seats), due, noShows, noShowRate: ratio(noShows, due) };
}

/** Redemption rate, top rewards and experience attendance over the range. */
export async function loadRewards(range: DateRange, conn: Conn = db): Promise<RewardsView> {
  const span = daySpanOf(range);
  const months = monthsTouching(range);
  const [totals, byReward, sessionDays] = await Promise.all([
    sumDaily(conn, ["points_earned", "points_redeemed", ...SESSION_METRICS], span),
    dimensionValues(conn, ["reward_redemptions", "reward_points"], span),
    dailyValues(conn, SESSION_METRICS, widen(range, "month")),
  ]);

  const counts = new Map<string, { redemptions: number; points: number }>();
  for (const row of byReward) {
    const entry = counts.get(row.dimension) ?? { redemptions: 0, points: 0 };
    if (row.metric === "reward_redemptions") entry.redemptions += row.value;
    else entry.points += row.value;
    counts.set(row.dimension, entry);
  }
  const ranked = [...counts].sort(([a, x], [b, y]) => y.redemptions - x.redemptions || y.points - x.points || a.localeCompare(b)).slice(0, TOP);
  const titles = ranked.length ? await conn.select({ id: rewards.id, title: rewards.title, kind: rewards.kind }).from(rewards).where(inArray(rewards.id, ranked.map(([id]) => id))) : [];
  const topRewards = ranked.map(([rewardId, entry]) => {
    const reward = titles.find((row) => row.id === rewardId);
    return { rewardId, title: reward?.title ?? "(deleted reward)", kind: reward?.kind ?? "", ...entry };
  });

  const perMonth = Object.fromEntries(SESSION_METRICS.map((metric) => [metric, bucketSums(sessionDays.filter((row) => row.metric === metric), months, "month")])) as Record<(typeof SESSION_METRICS)[number], Map<string, number>>;

  return {
    pointsEarned: totals.points_earned,
    pointsRedeemed: totals.points_redeemed,
    redemptionRate: ratio(totals.points_redeemed, totals.points_earned),
    redemptions: [...counts.values()].reduce((sum, entry) => sum + entry.redemptions, 0),
    topRewards,
    experiences: {
      ...experienceFigures(totals),
      months: months.map((month) => ({ month, ...experienceFigures(Object.fromEntries(SESSION_METRICS.map((metric) => [metric, perMonth[metric].get(month)!])) as Record<(typeof SESSION_METRICS)[number], number>) })),
    },
  };
}
