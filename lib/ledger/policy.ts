import "server-only";
import { addMonths } from "date-fns";
import { eq } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { settings } from "@/db/schema";

export type PointsPolicy = {
  /** Months after earning that a lot expires; null: points never expire. */
  expiryMonths: number | null;
  /** Value of one point in cents (100 points = $1 → 1). */
  pointValueCents: number;
};

export const DEFAULT_POINTS_POLICY: PointsPolicy = { expiryMonths: 12, pointValueCents: 1 };

export async function getPointsPolicy(conn: Db | Tx = db): Promise<PointsPolicy> {
  const [row] = await conn.select().from(settings).where(eq(settings.key, "points"));
  return { ...DEFAULT_POINTS_POLICY, ...((row?.value as Partial<PointsPolicy>) ?? {}) };
}

export function expiryFor(earnedAt: Date, policy: PointsPolicy): Date | null {
  return policy.expiryMonths === null ? null : addMonths(earnedAt, policy.expiryMonths);
}
