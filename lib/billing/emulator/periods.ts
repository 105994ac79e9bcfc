/** Billing-period arithmetic in UTC Unix seconds, the way Stripe counts months. */

export type Interval = "day" | "week" | "month" | "year";

export const DAY = 86_400;

/** A span of emulator time: seconds, or calendar units (months clamp to the month's end). */
export type Duration = number | { seconds?: number; hours?: number; days?: number; months?: number; years?: number };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** `from` plus whole months, keeping the day of month and clamping it (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(from: number, months: number): number {
  const d = new Date(from * 1000);
  const total = d.getUTCMonth() + months;
  const year = d.getUTCFullYear() + Math.floor(total / 12);
  const month = ((total % 12) + 12) % 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  return Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) / 1000;
}

/**
 * The n-th period boundary after a billing-cycle anchor. Always counted from the anchor, never from
 * the previous boundary, so an anchor on the 31st bills on Feb 28 and then again on Mar 31.
 */
export function boundary(anchor: number, interval: Interval, count: number, n: number): number {
  switch (interval) {
    case "day":
      return anchor + n * count * DAY;
    case "week":
      return anchor + n * count * 7 * DAY;
    case "month":
      return addMonths(anchor, n * count);
    case "year":
      return addMonths(anchor, n * count * 12);
  }
}

/** The first boundary strictly after `after` (the end of the period that contains `after`). */
export function nextBoundary(anchor: number, interval: Interval, count: number, after: number): number {
  if (after < anchor) return anchor;
  let n = 1;
  // Estimate, then walk: a few iterations at most even for long-running subscriptions.
  const approx = interval === "month" ? 30 * DAY : interval === "year" ? 365 * DAY : interval === "week" ? 7 * DAY : DAY;
  n = Math.max(1, Math.floor((after - anchor) / (approx * count)) - 1);
  while (boundary(anchor, interval, count, n) <= after) n++;
  while (n > 1 && boundary(anchor, interval, count, n - 1) > after) n--;
  return boundary(anchor, interval, count, n);
}

export function addDuration(from: number, duration: Duration): number {
  if (typeof duration === "number") return from + Math.round(duration);
  let t = from;
  if (duration.years) t = addMonths(t, duration.years * 12);
  if (duration.months) t = addMonths(t, duration.months);
  t += (duration.days ?? 0) * DAY + (duration.hours ?? 0) * 3600 + (duration.seconds ?? 0);
  return Math.round(t);
}
