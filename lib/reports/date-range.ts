import { addDays, differenceInCalendarDays, format, parseISO, subMonths } from "date-fns";
import { z } from "zod";

/**
 * The date range every report takes (analytics, accounting, exports): whole UTC days, both ends
 * inclusive, given as `from` and `to` (YYYY-MM-DD) in the query string. No range at all means the
 * default (the last 12 months); half a range, a reversed one or one longer than MAX_DAYS is a field
 * error the page shows next to the picker — never a silently "fixed" range.
 */

export const MAX_RANGE_DAYS = 366 * 5;

export type DateRange = {
  /** First day, 00:00 UTC. */
  from: Date;
  /** The day after the last day, 00:00 UTC (exclusive end for SQL: `at >= from and at < toExclusive`). */
  toExclusive: Date;
  /** The days as typed, for the form and for CSV file names. */
  fromDay: string;
  toDay: string;
};

export type DateRangeResult = { ok: true; range: DateRange } | { ok: false; fieldErrors: Record<"from" | "to", string[]>; range: DateRange };

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use the form YYYY-MM-DD.")
  .refine((value) => !Number.isNaN(parseISO(`${value}T00:00:00Z`).getTime()) && format(parseISO(value), "yyyy-MM-dd") === value, "Not a real date.");

function utcDay(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

function toDayString(value: Date): string {
  return value.toISOString().slice(0, 10);
}

export function defaultDateRange(now = new Date()): DateRange {
  const toDay = toDayString(now);
  const fromDay = toDayString(addDays(subMonths(utcDay(toDay), 12), 1));
  return { from: utcDay(fromDay), toExclusive: addDays(utcDay(toDay), 1), fromDay, toDay };
}

type SearchParams = Record<string, string | string[] | undefined>;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads `from`/`to` from a page's searchParams (or a URL's). On an error the default range comes back beside the errors. */
export function parseDateRange(params: SearchParams | URLSearchParams, now = new Date()): DateRangeResult {
  const get = (key: string) => (params instanceof URLSearchParams ? (params.get(key) ?? undefined) : single(params[key]));
  const rawFrom = get("from")?.trim() || undefined;
  const rawTo = get("to")?.trim() || undefined;
  const fallback = defaultDateRange(now);
  if (rawFrom === undefined && rawTo === undefined) return { ok: true, range: fallback };

  const errors: Record<"from" | "to", string[]> = { from: [], to: [] };
  if (rawFrom === undefined) errors.from.push("Choose a start date, or clear both dates for the last 12 months.");
  if (rawTo === undefined) errors.to.push("Choose an end date, or clear both dates for the last 12 months.");
  const from = rawFrom === undefined ? null : day.safeParse(rawFrom);
  const to = rawTo === undefined ? null : day.safeParse(rawTo);
  if (from && !from.success) errors.from.push(from.error.issues[0].message);
  if (to && !to.success) errors.to.push(to.error.issues[0].message);
  if (errors.from.length || errors.to.length) return { ok: false, fieldErrors: errors, range: fallback };

  const fromDay = from!.data!;
  const toDay = to!.data!;
  const span = differenceInCalendarDays(utcDay(toDay), utcDay(fromDay));
  if (span < 0) return { ok: false, fieldErrors: { from: ["The start date is after the end date."], to: [] }, range: fallback };
  if (span + 1 > MAX_RANGE_DAYS) return { ok: false, fieldErrors: { from: [], to: [`A range can cover at most ${MAX_RANGE_DAYS} days.`] }, range: fallback };
  return { ok: true, range: { from: utcDay(fromDay), toExclusive: addDays(utcDay(toDay), 1), fromDay, toDay } };
}
