import type { EarningRule } from "@/db/schema";

export type CapPeriod = NonNullable<EarningRule["capPeriod"]>;

/**
 * The calendar window (UTC) around `at` in which a capped rule's postings are counted;
 * null for "lifetime". [start, end): an award at midnight belongs to the new day.
 */
export function capWindow(period: CapPeriod, at: Date): { start: Date; end: Date } | null {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  const day = at.getUTCDate();
  switch (period) {
    case "day":
      return { start: new Date(Date.UTC(year, month, day)), end: new Date(Date.UTC(year, month, day + 1)) };
    case "month":
      return { start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) };
    case "year":
      return { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year + 1, 0, 1)) };
    case "lifetime":
      return null;
  }
}
