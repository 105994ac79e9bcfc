import { formatMoney } from "@/lib/format";

/** Points and their cash value, worded at the edge. Client-safe (no server imports). */

/** "100 points = $1.00"; null when points have no cash value (point value 0). */
export function pointValueLabel(pointValueCents: number, currency: string): string | null {
  if (!(pointValueCents > 0)) return null;
  // A point worth a currency unit or more reads better one point at a time.
  return pointValueCents >= 100 ? `1 point = ${formatMoney(pointValueCents, currency)}` : `100 points = ${formatMoney(100 * pointValueCents, currency)}`;
}

/** What `points` are worth, e.g. "$12.50"; null when points have no cash value. */
export function pointsWorth(points: number, pointValueCents: number, currency: string): string | null {
  return pointValueCents > 0 ? formatMoney(points * pointValueCents, currency) : null;
}

/** One whole currency unit, as members read prices: "$1", "€1", "£1". */
export function oneUnit(currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(1);
}

/** "5 points for every $1"; null when purchases earn nothing (the rule is off or worth 0). */
export function earnRateLabel(pointsPerUnit: number | null, currency: string): string | null {
  if (!pointsPerUnit || pointsPerUnit <= 0) return null;
  return `${new Intl.NumberFormat("en-US").format(pointsPerUnit)} ${pointsPerUnit === 1 ? "point" : "points"} for every ${oneUnit(currency)}`;
}
