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

/** Read on every earn (a plain SQL template: it sits on the ledger's hot path). */
export async function getPointsPolicy(conn: Db | Tx = db): Promise<PointsPolicy> {
  const result = await conn.execute(sql`select value from ${settings} where key = 'points'`);
  const [row] = ((result as { rows?: { value: unknown }[] }).rows ?? (result as unknown as { value: unknown }[])) as { value: unknown }[];
  const value = typeof row?.value === "string" ? JSON.parse(row.value) : row?.value;
  return { ...DEFAULT_POINTS_POLICY, ...((value as Partial<PointsPolicy>) ?? {}) };
}

export function expiryFor(earnedAt: Date, policy: PointsPolicy): Date | null {
  return policy.expiryMonths === null ? null : addMonths(earnedAt, policy.expiryMonths);
}
