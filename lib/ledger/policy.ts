import "server-only";
import { addMonths } from "date-fns";
import { sql } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { settings } from "@/db/schema";

export type PointsPolicy = {
  /** Months after earning that a lot expires; null: points never expire. */
  expiryMonths: number | null;
  /** Value of one point in cents (100 points = $1 → 1). */
  pointValueCents: number;
};

export const DEFAULT_POINTS_POLICY: PointsPolicy = { expiryMonths: 12, pointValueCents: 1 };

/**
 * The stored value over the defaults. Admins change it from /admin/settings/expiry (validated
 * there); a field that is malformed anyway falls back on its own rather than stamp a bad expiry
 * on every lot.
 */
export function parsePointsPolicy(value: unknown): PointsPolicy {
  const stored = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  const months = stored.expiryMonths;
  const cents = stored.pointValueCents;
  return {
    expiryMonths: months === null || (Number.isSafeInteger(months) && (months as number) > 0) ? (months as number | null) : DEFAULT_POINTS_POLICY.expiryMonths,
    pointValueCents: Number.isSafeInteger(cents) && (cents as number) >= 0 ? (cents as number) : DEFAULT_POINTS_POLICY.pointValueCents,
  };
}

/** Read on every earn, never cached: a change applies to the next lot (a plain SQL template: it sits on the ledger's hot path). */
export async function getPointsPolicy(conn: Db | Tx = db): Promise<PointsPolicy> {
  const result = await conn.execute(sql`select value from ${settings} where key = 'points'`);
  const [row] = ((result as { rows?: { value: unknown }[] }).rows ?? (result as unknown as { value: unknown }[])) as { value: unknown }[];
  const value = typeof row?.value === "string" ? JSON.parse(row.value) : row?.value;
  return parsePointsPolicy(value);
}

export function expiryFor(earnedAt: Date, policy: PointsPolicy): Date | null {
  return policy.expiryMonths === null ? null : addMonths(earnedAt, policy.expiryMonths);
}
