import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { users, type Referral } from "@/db/schema";
import { customerForUser } from "@/lib/ledger/customers";
import { postIn } from "@/lib/ledger/post";
import type { ReferralSettings } from "./schemas";

/** The referee's welcome bonus: one posting per referral, however often it is attempted. */
export const welcomeKey = (referralId: string) => `referral:${referralId}:referee`;

/**
 * When the program rewards invited friends with bonus points instead of a Checkout discount, the
 * referee gets them once their referral stands: when it is recorded `pending`, or when an admin
 * approves a flagged one. Blocked and rejected referrals never get here. Posted in the caller's
 * transaction, so the referral and its bonus commit together; the key makes a repeat a no-op.
 */
export async function postRefereeWelcome(tx: Tx, referral: Referral, settings: Pick<ReferralSettings, "refereeReward" | "refereeBonusPoints">, now = new Date()): Promise<void> {
  if (settings.refereeReward !== "points" || settings.refereeBonusPoints <= 0) return;
  const [referee] = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, referral.refereeUserId));
  if (!referee) return;
  const [referrer] = await tx.select({ name: users.name }).from(users).where(eq(users.id, referral.referrerUserId));
  const customer = await customerForUser(referee, tx);
  await postIn(tx, {
    kind: "earn",
    key: welcomeKey(referral.id),
    customerId: customer.id,
    points: settings.refereeBonusPoints,
    reason: "referral_welcome",
    memo: `Welcome bonus: ${referrer?.name?.trim().split(/\s+/)[0] || "a friend"} invited you`,
    metadata: { referral: referral.id },
    at: now,
  });
}
