/**
 * Days, weeks and months in UTC, as the rollups store them ('YYYY-MM-DD' strings). Pure, so the
 * page, the CSV and the tests bucket alike. Weekly and monthly series cover whole weeks (Monday
 * first, ISO 8601) and whole calendar months: the first and last may reach outside the range.
 */

const DAY_MS = 86_400_000;

export type Span = { from: Date; toExclusive: Date };

export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function utc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function addDays(day: string, days: number): string {
  return dayOf(new Date(utc(day).getTime() + days * DAY_MS));
}

/** The Monday of the day's ISO week. */
export function weekOf(day: string): string {
  const date = utc(day);
  return addDays(day, -((date.getUTCDay() + 6) % 7));
}

/** The first day of the day's month. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function addMonths(month: string, months: number): string {
  const date = utc(month);
  return dayOf(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)));
}

/** Whole months between two month starts (b − a). */
export function monthsBetween(a: string, b: string): number {
  const [ya, ma] = [Number(a.slice(0, 4)), Number(a.slice(5, 7))];
  const [yb, mb] = [Number(b.slice(0, 4)), Number(b.slice(5, 7))];
  return (yb - ya) * 12 + (mb - ma);
}

/** The last day a span covers. */
export function lastDayOf(span: Span): string {
  return dayOf(new Date(span.toExclusive.getTime() - DAY_MS));
}

/** Mondays of the weeks the span touches, oldest first. */
export function weeksTouching(span: Span): string[] {
  const weeks: string[] = [];
  const last = lastDayOf(span);
  for (let week = weekOf(dayOf(span.from)); week <= last; week = addDays(week, 7)) weeks.push(week);
  return weeks;
}

/** First days of the months the span touches, oldest first. */
export function monthsTouching(span: Span): string[] {
  const months: string[] = [];
  const last = lastDayOf(span);
  for (let month = monthOf(dayOf(span.from)); month <= last; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** The span widened to whole weeks or months: what a weekly or monthly series reads. */
export function widen(span: Span, unit: "week" | "month"): { fromDay: string; toDayExclusive: string } {
  const buckets = unit === "week" ? weeksTouching(span) : monthsTouching(span);
  const first = buckets[0] ?? dayOf(span.from);
  const last = buckets.at(-1) ?? first;
  return { fromDay: first, toDayExclusive: unit === "week" ? addDays(last, 7) : addMonths(last, 1) };
}

/** Sums daily values into the buckets (every bucket present, zero when nothing happened). */
export function bucketSums(rows: { day: string; value: number }[], buckets: string[], unit: "week" | "month"): Map<string, number> {
  const sums = new Map(buckets.map((bucket) => [bucket, 0]));
  const keyOf = unit === "week" ? weekOf : monthOf;
  for (const row of rows) {
    const key = keyOf(row.day);
    if (sums.has(key)) sums.set(key, sums.get(key)! + row.value);
  }
  return sums;
}
