import "server-only";
import { and, eq, gt, lte } from "drizzle-orm";
import { db } from "@/db";
import { pointLots } from "@/db/schema";
import { post } from "./post";

/** Pending lots whose hold has passed become spendable. Idempotent: keyed on the lot. */
export async function releaseDueLots(now = new Date()): Promise<number> {
  const due = await db
    .select({ id: pointLots.id, customerId: pointLots.customerId })
    .from(pointLots)
    .where(and(eq(pointLots.state, "pending"), lte(pointLots.availableAt, now)));
  let released = 0;
  for (const lot of due) {
    const { created } = await post({ kind: "release", key: `release:${lot.id}`, customerId: lot.customerId, lotId: lot.id, reason: "hold_ended", memo: "Pending points are now available", at: now });
    if (created) released++;
  }
  return released;
}

/** What is left of each lot past its expiry date expires (DESIGN invariant 3). Keyed on the lot. */
export async function expireDueLots(now = new Date()): Promise<{ lots: number; points: number }> {
  const due = await db
    .select({ id: pointLots.id, customerId: pointLots.customerId, remaining: pointLots.remaining })
    .from(pointLots)
    .where(and(eq(pointLots.state, "available"), gt(pointLots.remaining, 0), lte(pointLots.expiresAt, now)));
  let lots = 0;
  let points = 0;
  for (const lot of due) {
    const { created, posting } = await post({ kind: "expire", key: `expire:${lot.id}`, customerId: lot.customerId, lotId: lot.id, reason: "expiry", memo: "Points expired", at: now });
    if (created) {
      lots++;
      points -= posting.points;
    }
  }
  return { lots, points };
}
