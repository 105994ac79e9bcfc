import "server-only";
import { and, count, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { earningClaims, redemptions, referrals, rewards } from "@/db/schema";
import { countFailedEmails } from "./emails";
import { countFailedStripeEvents } from "./stripe-events";

export type OperationsOverview = {
  failedStripeEvents: number;
  /** In the last 7 days (the count stays an index range however large the outbox grows). */
  failedEmails: number;
  fulfilment: number;
  flaggedReferrals: number;
  pendingClaims: number;
};

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** What waits for someone, for the operations index. Each count is served by a status index. */
export async function getOperationsOverview(now = new Date()): Promise<OperationsOverview> {
  const [failedStripeEvents, failedEmails, [fulfilment], [flagged], [claims]] = await Promise.all([
    countFailedStripeEvents(),
    countFailedEmails(new Date(now.getTime() - WEEK_MS)),
    // the same queue as /admin/fulfilment: pending products and services
    db
      .select({ n: count() })
      .from(redemptions)
      .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
      .where(and(eq(redemptions.status, "pending"), inArray(rewards.kind, ["product", "service"]))),
    db.select({ n: count() }).from(referrals).where(eq(referrals.status, "flagged")),
    db.select({ n: count() }).from(earningClaims).where(eq(earningClaims.status, "pending")),
  ]);
  return { failedStripeEvents, failedEmails, fulfilment: fulfilment.n, flaggedReferrals: flagged.n, pendingClaims: claims.n };
}
