import "server-only";
import { and, eq, gt, lte } from "drizzle-orm";
import { db } from "@/db";
import { pointLots } from "@/db/schema";
import { lockBalance, postIn, withLedgerRetry, type PostResult } from "./post";

/**
 * Posts for one lot if it is still in `state` once the member's balance is locked: between the
 * job's scan and the posting, a redemption may have emptied the lot or a refund voided it.
 */
async function postForLot(lot: { id: number; customerId: string }, state: "pending" | "available", make: () => Parameters<typeof postIn>[1]): Promise<PostResult | null> {
  return withLedgerRetry(() =>
    db.transaction(async (tx) => {
      await lockBalance(tx, lot.customerId);
      const [current] = await tx.select().from(pointLots).where(eq(pointLots.id, lot.id));
      if (!current || current.state !== state || current.remaining === 0) return null;
      return postIn(tx, make());
    }),
  );
}

/** Pending lots whose hold has passed become spendable. Idempotent: keyed on the lot. */
export async function releaseDueLots(now = new Date()): Promise<number> {
  const due = await db
    .select({ id: pointLots.id, customerId: pointLots.customerId })
    .from(pointLots)
    .where(and(eq(pointLots.state, "pending"), lte(pointLots.availableAt, now)));
  let released = 0;
  for (const lot of due) {
    const result = await postForLot(lot, "pending", () => ({ kind: "release", key: `release:${lot.id}`, customerId: lot.customerId, lotId: lot.id, reason: "hold_ended", memo: "Pending points are now available", at: now }));
    if (result?.created) released++;
  }
  return released;
}

/** What is left of each lot past its expiry date expires (DESIGN invariant 3). Keyed on the lot. */
export async function expireDueLots(now = new Date()): Promise<{ lots: number; points: number }> {
  const due = await db
    .select({ id: pointLots.id, customerId: pointLots.customerId })
    .from(pointLots)
    .where(and(eq(pointLots.state, "available"), gt(pointLots.remaining, 0), lte(pointLots.expiresAt, now)));
  let lots = 0;
  let points = 0;
  for (const lot of due) {
    const result = await postForLot(lot, "available", () => ({ kind: "expire", key: `expire:${lot.id}`, customerId: lot.customerId, lotId: lot.id, reason: "expiry", memo: "Points expired", at: now }));
    if (result?.created) {
      lots++;
      points -= result.posting.points;
    }
  }
  return { lots, points };
}
