import type { Cell, CellKind } from "@/lib/analytics/tables";
import { formatDate, formatMoney, formatPoints } from "@/lib/format";
import { formatNps } from "@/lib/surveys/nps-score";

/** The dashboard's formatting, at the edge (DESIGN invariant 4): one function per kind of cell. */

const count = new Intl.NumberFormat("en-US");
const decimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const signedPercent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });
const month = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

export const NONE = "—";

export function formatCount(value: number): string {
  return count.format(value);
}

/** A fraction as a percentage; "—" when there was nothing to divide by. */
export function formatRate(value: number | null): string {
  return value === null ? NONE : percent.format(value);
}

/** A difference of rates in percentage points, signed. */
export function formatRateDifference(value: number | null): string {
  return value === null ? NONE : `${signedPercent.format(value).replace("%", "")} pp`;
}

export function formatCents(value: number | null, currency: string): string {
  return value === null ? NONE : formatMoney(Math.round(value), currency);
}

/** "Jan 2026" for a month's first day ('YYYY-MM-DD'). */
export function formatMonth(day: string): string {
  return month.format(new Date(`${day}T00:00:00Z`));
}

export function formatDay(day: string): string {
  return formatDate(new Date(`${day}T00:00:00Z`));
}

export function formatCell(kind: CellKind, value: Cell, currency: string): string {
  if (value === null) return NONE;
  if (typeof value === "string") {
    if (kind === "month") return formatMonth(value);
    if (kind === "week") return formatDay(value);
    return value;
  }
  switch (kind) {
    case "count":
      return formatCount(value);
    case "points":
      return formatPoints(value);
    case "cents":
      return formatCents(value, currency);
    case "rate":
      return formatRate(value);
    case "decimal":
      return decimal.format(value);
    case "nps":
      return formatNps(value);
    default:
      return String(value);
  }
}
