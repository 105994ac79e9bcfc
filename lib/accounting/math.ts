import type { DateRange } from "@/lib/reports/date-range";

/**
 * The pure arithmetic of points accounting: periods of a date range, the breakage rate and the
 * money derived from it. Integers in, integers out (DESIGN invariant 4): cents are rounded once,
 * half away from zero, with exact integer arithmetic.
 */

/** A calendar month cut to the range: the first and last may be partial. Days are UTC, YYYY-MM-DD. */
export type Period = { start: string; endExclusive: string; /** The month it belongs to (YYYY-MM-01). */ month: string };

const day = (value: Date) => value.toISOString().slice(0, 10);

export function monthlyPeriods(range: Pick<DateRange, "from" | "toExclusive">): Period[] {
  const periods: Period[] = [];
  let cursor = range.from;
  while (cursor < range.toExclusive) {
    const monthStart = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth(), 1));
    const nextMonth = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1));
    const end = nextMonth < range.toExclusive ? nextMonth : range.toExclusive;
    periods.push({ start: day(cursor), endExclusive: day(end), month: day(monthStart) });
    cursor = end;
  }
  return periods;
}

/** The members' side of the ledger. Debt is owed to the program: it counts against the liability. */
export type MemberBalance = { available: number; pending: number; debt: number };

/** The points the program owes: available + pending − debt. */
export const netPoints = (b: MemberBalance) => b.available + b.pending - b.debt;

/** Points of closed lots: what expired and what was spent. */
export type Closed = { expired: number; redeemed: number };

/** Breakage = expired ÷ (expired + redeemed) of closed lots; null until a lot has closed with either. */
export function breakageRate({ expired, redeemed }: Closed): number | null {
  return expired + redeemed > 0 ? expired / (expired + redeemed) : null;
}

/** n ÷ d rounded to the nearest integer, halves away from zero; exact for any safe integers. */
export function roundDiv(n: bigint, d: bigint): bigint {
  if (d === BigInt(0)) throw new RangeError("division by zero");
  const negative = n < 0 !== d < 0;
  const a = n < 0 ? -n : n;
  const b = d < 0 ? -d : d;
  const q = (BigInt(2) * a + b) / (BigInt(2) * b);
  return negative ? -q : q;
}

/**
 * The liability the program expects to honour: cents × (1 − breakage) = cents × redeemed ÷ (expired +
 * redeemed). Without closed lots no breakage is assumed, so it is the whole liability.
 */
export function netOfBreakage(cents: number, closed: Closed): number {
  const total = closed.expired + closed.redeemed;
  if (total === 0) return cents;
  return Number(roundDiv(BigInt(cents) * BigInt(closed.redeemed), BigInt(total)));
}

/**
 * Breakage recognised with a period's redemptions (ASC 606-10-55-48, "in proportion to the pattern of
 * rights exercised"): each point redeemed releases b ÷ (1 − b) points of expected breakage, and
 * b ÷ (1 − b) = expired ÷ redeemed. No closed lots: nothing to recognise. Every closed point
 * expired (b = 1): no redemptions are expected, so the proportion is undefined (null).
 */
export function breakageRecognised(redeemedPoints: number, pointValueCents: number, closed: Closed): number | null {
  if (closed.expired + closed.redeemed === 0 || redeemedPoints === 0) return 0;
  if (closed.redeemed === 0) return null;
  return Number(roundDiv(BigInt(redeemedPoints) * BigInt(pointValueCents) * BigInt(closed.expired), BigInt(closed.redeemed)));
}
