import "server-only";
import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import { db } from "@/db";
import { memberships, referrals } from "@/db/schema";
import { idOf, paymentStanding } from "@/lib/billing/stripe-state";
import { qualifyReferral, voidReferral } from "./qualify";

export type ReferralReconcileResult = { checked: number; qualified: number; voided: number; failed: number };

/**
 * The webhook handlers qualify and void referrals after their transaction commits; if that step
 * failed (Stripe unreachable for the card check, a crash), the event is already recorded and will
 * not be replayed. This catch-up, run by the billing reconcile job, re-derives both steps from
 * Stripe: an open referral whose referee has a paid membership qualifies with that payment; a
 * qualified one whose payment was refunded or disputed is voided. Both steps are idempotent.
 */
export async function reconcileReferrals(stripe: Stripe, fail: (what: string, error: unknown) => void): Promise<ReferralReconcileResult> {
  const result: ReferralReconcileResult = { checked: 0, qualified: 0, voided: 0, failed: 0 };

  // Open referrals whose referee has a Stripe membership: find its first paid payment.
  const open = await db
    .selectDistinctOn([referrals.id], { id: referrals.id, refereeUserId: referrals.refereeUserId, status: referrals.status })
    .from(referrals)
    .innerJoin(memberships, and(eq(memberships.userId, referrals.refereeUserId), eq(memberships.source, "stripe")))
    .where(and(inArray(referrals.status, ["pending", "flagged"]), isNull(referrals.qualifyingReference)));
  for (const referral of open) {
    result.checked++;
    try {
      const payment = await firstPaidPayment(stripe, referral.refereeUserId);
      if (!payment) continue;
      const after = await qualifyReferral({ refereeUserId: referral.refereeUserId, ...payment });
      if (after?.qualifyingReference === payment.reference) result.qualified++;
    } catch (error) {
      result.failed++;
      fail(`referral ${referral.id} (qualify)`, error);
    }
  }

  // Qualified referrals (inside the hold or after it) whose qualifying payment no longer stands.
  const live = await db
    .select({ id: referrals.id, reference: referrals.qualifyingReference })
    .from(referrals)
    .where(and(inArray(referrals.status, ["qualified", "rewarded"]), isNotNull(referrals.qualifyingReference)));
  for (const referral of live) {
    result.checked++;
    try {
      const paymentIntent = await paymentIntentOf(stripe, referral.reference!);
      if (!paymentIntent || (await paymentStanding(stripe, paymentIntent)) === "active") continue;
      const after = await voidReferral({ reference: referral.reference! });
      if (after?.status === "void") result.voided++;
    } catch (error) {
      result.failed++;
      fail(`referral ${referral.id} (void)`, error);
    }
  }
  return result;
}

/** The referee's first paid payment: a paid Lifetime Checkout session, or the first invoice with money paid. */
async function firstPaidPayment(stripe: Stripe, userId: string): Promise<{ reference: string; amountCents: number | null } | null> {
  const rows = await db
    .select({ session: memberships.stripeCheckoutSessionId, subscription: memberships.stripeSubscriptionId, startedAt: memberships.startedAt })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.source, "stripe")))
    .orderBy(memberships.startedAt);
  for (const row of rows) {
    if (row.session && !row.subscription) {
      const session = await stripe.checkout.sessions.retrieve(row.session);
      if (session.mode === "payment" && session.payment_status === "paid") return { reference: session.id, amountCents: session.amount_total };
    }
    if (row.subscription) {
      const invoices = await stripe.invoices.list({ subscription: row.subscription, status: "paid", limit: 100 });
      const paid = invoices.data.filter((invoice) => invoice.amount_paid > 0).sort((a, b) => a.created - b.created)[0];
      if (paid?.id) return { reference: paid.id, amountCents: paid.amount_paid };
    }
  }
  return null;
}

/** A qualifying reference is a Checkout session (cs_…) or an invoice (in_…): the payment intent behind it. */
async function paymentIntentOf(stripe: Stripe, reference: string): Promise<string | null> {
  if (reference.startsWith("cs_")) return idOf((await stripe.checkout.sessions.retrieve(reference)).payment_intent);
  if (reference.startsWith("in_")) {
    const payments = await stripe.invoicePayments.list({ invoice: reference, limit: 1 });
    return payments.data[0]?.payment.payment_intent ? idOf(payments.data[0].payment.payment_intent) : null;
  }
  return null;
}
