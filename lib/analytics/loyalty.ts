import "server-only";
import { db } from "@/db";
import { analyticsPurchaseStats } from "@/db/schema";
import type { Conn } from "./rollups";
import { ratio } from "./stats";

export const PERIODS = ["12m", "all"] as const;
export type Period = (typeof PERIODS)[number];
export const SEGMENTS = ["member", "non_member", "control", "treatment"] as const;
export type Segment = (typeof SEGMENTS)[number];

export type SegmentStats = {
  population: number;
  customers: number;
  repeatCustomers: number;
  orders: number;
  revenueCents: number;
  /** Customers with two or more orders ÷ customers with one or more. */
  repeatRate: number | null;
  /** Orders per purchasing customer. */
  frequency: number | null;
  /** Net revenue per order, cents (fractional; rounded at the edge). */
  aovCents: number | null;
  /** Net revenue per purchasing customer over the period, cents. */
  clvCents: number | null;
};

const EMPTY = { population: 0, customers: 0, repeatCustomers: 0, orders: 0, revenueCents: 0 };

export function segmentStats({ population, customers, repeatCustomers, orders, revenueCents }: Pick<SegmentStats, "population" | "customers" | "repeatCustomers" | "orders" | "revenueCents"> = EMPTY): SegmentStats {
  const row = { population, customers, repeatCustomers, orders, revenueCents };
  return {
    ...row,
    repeatRate: ratio(row.repeatCustomers, row.customers),
    frequency: ratio(row.orders, row.customers),
    aovCents: ratio(row.revenueCents, row.orders),
    clvCents: ratio(row.revenueCents, row.customers),
  };
}

export type PurchaseStats = Record<Period, Record<Segment, SegmentStats>>;

/** The per-segment sums of the last refresh (fixed periods: the date range does not apply). */
export async function loadPurchaseStats(conn: Conn = db): Promise<PurchaseStats> {
  const rows = await conn.select().from(analyticsPurchaseStats);
  const find = (period: Period, segment: Segment) => rows.find((row) => row.period === period && row.segment === segment);
  const build = (period: Period) => Object.fromEntries(SEGMENTS.map((segment) => [segment, segmentStats(find(period, segment))])) as Record<Segment, SegmentStats>;
  return { "12m": build("12m"), all: build("all") };
}

export type LoyaltyView = Record<Period, { member: SegmentStats; nonMember: SegmentStats }>;

/** Members vs non-members, side by side, over the last 12 months and all time. */
export async function loadLoyalty(conn: Conn = db): Promise<LoyaltyView> {
  const stats = await loadPurchaseStats(conn);
  return {
    "12m": { member: stats["12m"].member, nonMember: stats["12m"].non_member },
    all: { member: stats.all.member, nonMember: stats.all.non_member },
  };
}
