import "server-only";
import { and, eq, inArray, isNull, lte } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { billingCustomers, pointLots, pointPostings, referrals, users, type Referral } from "@/db/schema";
import { getStripe } from "@/lib/billing/stripe-client";
import { customerForUser } from "@/lib/ledger/customers";
import { postIn, withLedgerRetry } from "@/lib/ledger/post";
import { getReferralSettings } from "./settings";
import { DAY_MS } from "./window";

/**
 * The referral's life after sign-up, driven by the referee's payments. Called by the billing
 * webhook handlers as after-commit effects (they need Stripe reads, which cannot run inside the
 * webhook transaction on the embedded database). Each step is state-based and idempotent — a
 * conditional status update plus a ledger key (`referral:<id>`) — so a conversion seen twice or
 * concurrently rewards once, and re-running a step is always safe.
 */

export const rewardKey = (referralId: string) => `referral:${referralId}`;

async function referralOf(conn: typeof db | Tx, refereeUserId: string): Promise<Referral | null> {
  const [row] = await conn.select().from(referrals).where(eq(referrals.refereeUserId, refereeUserId));
  return row ?? null;
}

/** Card fingerprints saved on a member's Stripe customer (empty without one). */
async function cardFingerprints(userId: string): Promise<Set<string>> {
  const [row] = await db.select({ id: billingCustomers.stripeCustomerId }).from(billingCustomers).where(eq(billingCustomers.userId, userId));
  if (!row) return new Set();
  const stripe = await getStripe();
  const methods = await stripe.customers.listPaymentMethods(row.id, { type: "card", limit: 100 });
  return new Set(methods.data.map((m) => m.card?.fingerprint).filter((f): f is string => !!f));
}

/** The referrer's reward, pending until the hold ends (posted in the caller's transaction). */
export async function postReferrerReward(tx: Tx, referral: Referral, points: number, holdUntil: Date, now: Date): Promise<void> {
  if (points <= 0) return;
  const [referrer] = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, referral.referrerUserId));
  if (!referrer) return;
  const customer = await customerForUser(referrer, tx);
  await postIn(tx, {
    kind: "earn",
    key: rewardKey(referral.id),
    customerId: customer.id,
    points,
    holdUntil,
    reason: "referral",
    memo: "Referral reward: a friend you invited became a member",
    metadata: { referral: referral.id },
    at: now,
  });
}

/**
 * The referee's first paid membership (a Lifetime payment, or the first paid invoice — a trial's
 * $0 invoice is not one): the referral qualifies and the referrer's points are posted, pending for
 * the hold. A referee paying with a card the referrer also uses is a self-referral: blocked.
 * A flagged referral only records its qualifying payment; the reward waits for the review.
 */
export async function qualifyReferral(input: { refereeUserId: string; reference: string; amountCents?: number | null; now?: Date }): Promise<Referral | null> {
  const now = input.now ?? new Date();
  const referral = await referralOf(db, input.refereeUserId);
  if (!referral || referral.qualifyingReference || (referral.status !== "pending" && referral.status !== "flagged")) return referral;

  const [referee, referrer] = await Promise.all([cardFingerprints(referral.refereeUserId), cardFingerprints(referral.referrerUserId)]);
  const sameCard = [...referee].some((f) => referrer.has(f));
  const settings = await getReferralSettings();

  return withLedgerRetry(() =>
    db.transaction(async (tx) => {
      const open = and(eq(referrals.id, referral.id), inArray(referrals.status, ["pending", "flagged"]), isNull(referrals.qualifyingReference));
      if (sameCard) {
        const [blocked] = await tx
          .update(referrals)
          .set({ status: "blocked", reason: "self_referral: same card as the referrer", qualifyingReference: input.reference, qualifyingAmountCents: input.amountCents ?? null, qualifiedAt: now })
          .where(open)
          .returning();
        return blocked ?? referralOf(tx, input.refereeUserId);
      }
      const rewardAvailableAt = new Date(now.getTime() + settings.holdDays * DAY_MS);
      // The conditional update is the once-only gate: of two concurrent deliveries one updates a row.
      const [updated] = await tx
        .update(referrals)
        .set({ qualifyingReference: input.reference, qualifyingAmountCents: input.amountCents ?? null, qualifiedAt: now, ...(referral.status === "pending" ? { status: "qualified" as const, rewardAvailableAt } : {}) })
        .where(open)
        .returning();
      if (updated?.status === "qualified") await postReferrerReward(tx, updated, settings.rewardPoints, rewardAvailableAt, now);
      return updated ?? referralOf(tx, input.refereeUserId);
    }),
  );
}

/**
 * The qualifying payment was refunded or disputed: inside the hold the pending lot is voided;
 * after it, the points are clawed back through the ledger (debt if already spent). The referral
 * ends `void`. Idempotent: the status update gates it, and the postings are keyed.
 */
export async function voidReferral(input: { reference: string; now?: Date }): Promise<Referral | null> {
  const now = input.now ?? new Date();
  return withLedgerRetry(() =>
    db.transaction(async (tx) => {
      const [voided] = await tx
        .update(referrals)
        .set({ status: "void", reason: "the qualifying payment was refunded or disputed" })
        .where(and(eq(referrals.qualifyingReference, input.reference), inArray(referrals.status, ["qualified", "rewarded", "flagged", "pending"])))
        .returning();
      if (!voided) return (await tx.select().from(referrals).where(eq(referrals.qualifyingReference, input.reference)))[0] ?? null;
      const [grant] = await tx.select().from(pointPostings).where(eq(pointPostings.key, rewardKey(voided.id)));
      if (!grant) return voided;
      const [lot] = await tx.select().from(pointLots).where(eq(pointLots.postingId, grant.id));
      const common = { customerId: grant.customerId, metadata: { referral: voided.id }, at: now };
      if (lot?.state === "pending" && lot.remaining > 0) {
        await postIn(tx, { ...common, kind: "void", key: `${rewardKey(voided.id)}:void`, lotId: lot.id, reason: "referral_void", memo: "Referral reward cancelled: your friend's payment was refunded" });
      } else {
        await postIn(tx, { ...common, kind: "reverse", key: `${rewardKey(voided.id)}:clawback`, points: grant.points, sourcePostingId: grant.id, reason: "referral_clawback", memo: "Referral reward taken back: your friend's payment was refunded" });
      }
      return voided;
    }),
  );
}

/** Qualified referrals whose hold has ended read as `rewarded` (the ledger job releases the points). */
export async function markRewardedReferrals(now = new Date()): Promise<number> {
  const rows = await db
    .update(referrals)
    .set({ status: "rewarded" })
    .where(and(eq(referrals.status, "qualified"), lte(referrals.rewardAvailableAt, now)))
    .returning({ id: referrals.id });
  return rows.length;
}

/** After-commit effects for the billing webhook handlers. */
export const referralAfterPayment = (refereeUserId: string, reference: string, amountCents: number | null) => async () => qualifyReferral({ refereeUserId, reference, amountCents });
export const referralAfterReversal = (reference: string) => async () => voidReferral({ reference });
