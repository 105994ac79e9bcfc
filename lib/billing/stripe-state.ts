import "server-only";
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Tx } from "@/db";
import { billingCustomers, users, type MembershipStatus } from "@/db/schema";
import { settlePurchaseBonus } from "./membership-points";
import { upsertMembership, type MembershipChange } from "./memberships";
import { planForPrice } from "./plans";

/**
 * Stripe → membership. Handlers never trust the event's snapshot for state: they re-read the
 * current object (read*), then write what it says (apply*), so late, duplicate or reordered events
 * converge on Stripe's present truth (DESIGN invariant 5).
 */

export type Cause = { eventId: string | null; reason: string };

const toDate = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);
export const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

/** The Cairn user behind a Stripe customer: our own mapping first, then the id we put in metadata. */
async function userIdFor(tx: Tx, customerId: string | null, metadataUserId: string | null | undefined): Promise<string | null> {
  if (customerId) {
    const [row] = await tx.select({ userId: billingCustomers.userId }).from(billingCustomers).where(eq(billingCustomers.stripeCustomerId, customerId));
    if (row) return row.userId;
  }
  if (!metadataUserId) return null;
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, metadataUserId));
  return user?.id ?? null;
}

// ── recurring plans ──────────────────────────────────────────────────────────

export type SubscriptionState = { subscription: Stripe.Subscription };

export async function readSubscription(stripe: Stripe, subscriptionId: string): Promise<SubscriptionState> {
  return { subscription: await stripe.subscriptions.retrieve(subscriptionId) };
}

const SUBSCRIPTION_STATUS: Record<Stripe.Subscription.Status, MembershipStatus> = {
  incomplete: "incomplete",
  incomplete_expired: "canceled",
  trialing: "trialing",
  active: "active",
  past_due: "past_due",
  canceled: "canceled",
  unpaid: "unpaid",
  paused: "paused",
};

export async function applySubscription(tx: Tx, { subscription }: SubscriptionState, cause: Cause): Promise<MembershipChange | null> {
  const item = subscription.items.data[0];
  const plan = await planForPrice(tx, item?.price);
  if (!plan || plan.kind !== "recurring") return null; // not one of Cairn's plans
  const customerId = idOf(subscription.customer);
  const userId = await userIdFor(tx, customerId, subscription.metadata?.userId);
  if (!userId) return null;
  const status = SUBSCRIPTION_STATUS[subscription.status] ?? "incomplete";
  return upsertMembership(
    tx,
    { stripeSubscriptionId: subscription.id },
    {
      userId,
      planId: plan.id,
      status,
      source: "stripe",
      currentPeriodEnd: toDate(item.current_period_end),
      cancelAtPeriodEnd: subscription.cancel_at_period_end || subscription.cancel_at !== null,
      trialEnd: toDate(subscription.trial_end),
      stripeCustomerId: customerId,
      endedAt: toDate(subscription.ended_at),
    },
    cause,
  );
}

// ── one-time (lifetime) plans ────────────────────────────────────────────────

export type PurchaseState = { session: Stripe.Checkout.Session; status: MembershipStatus | null };

/**
 * A lifetime purchase is live while its payment stands: a full refund or an open or lost dispute
 * removes the paid benefits; a won dispute restores them.
 */
export async function readPurchase(stripe: Stripe, sessionId: string): Promise<PurchaseState> {
  const session = await stripe.checkout.sessions.retrieve(sessionId, { expand: ["line_items"] });
  const paymentIntent = idOf(session.payment_intent);
  if (session.mode !== "payment" || session.status !== "complete" || session.payment_status !== "paid" || !paymentIntent) {
    return { session, status: null };
  }
  return { session, status: await paymentStanding(stripe, paymentIntent) };
}

/** A payment stands until a full refund or a dispute that is open or lost (a won one stands). */
export async function paymentStanding(stripe: Stripe, paymentIntentId: string): Promise<"refunded" | "disputed" | "active"> {
  const [charges, disputes] = await Promise.all([
    stripe.charges.list({ payment_intent: paymentIntentId, limit: 10 }),
    stripe.disputes.list({ payment_intent: paymentIntentId, limit: 10 }),
  ]);
  const charge = charges.data.find((c) => c.status === "succeeded");
  if (charge && charge.amount_refunded >= charge.amount_captured) return "refunded";
  return disputes.data.some((d) => d.status !== "won" && d.status !== "warning_closed") ? "disputed" : "active";
}

/** A subscription invoice's payment and whether it still stands (for refund and dispute events). */
export type InvoicePaymentState = { invoiceId: string; reversed: boolean };

/**
 * The invoice a payment intent paid, if any (first payments and renewals of recurring plans), and
 * whether that payment has been reversed (the same test as a purchase).
 */
export async function readInvoicePayment(stripe: Stripe, paymentIntentId: string): Promise<InvoicePaymentState | null> {
  const payments = await stripe.invoicePayments.list({ payment: { type: "payment_intent", payment_intent: paymentIntentId }, limit: 1 });
  const invoiceId = idOf(payments.data[0]?.invoice);
  if (!invoiceId) return null;
  return { invoiceId, reversed: (await paymentStanding(stripe, paymentIntentId)) !== "active" };
}

/** The purchase behind a payment intent (for refund and dispute events), if it was a Checkout payment. */
export async function readPurchaseByPaymentIntent(stripe: Stripe, paymentIntentId: string): Promise<PurchaseState | null> {
  const sessions = await stripe.checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 });
  const session = sessions.data[0];
  return session ? readPurchase(stripe, session.id) : null;
}

export async function applyPurchase(tx: Tx, { session, status }: PurchaseState, cause: Cause): Promise<MembershipChange | null> {
  const paymentIntent = idOf(session.payment_intent);
  if (!status || !paymentIntent) return null;
  const plan = await planForPrice(tx, session.line_items?.data[0]?.price);
  if (!plan || plan.kind !== "one_time") return null;
  const customerId = idOf(session.customer);
  const userId = await userIdFor(tx, customerId, session.client_reference_id);
  if (!userId) return null;
  const change = await upsertMembership(
    tx,
    { stripePaymentIntentId: paymentIntent },
    {
      userId,
      planId: plan.id,
      status,
      source: "stripe",
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      stripeCustomerId: customerId,
      stripeCheckoutSessionId: session.id,
      endedAt: status === "active" ? null : new Date(),
    },
    cause,
  );
  if (cause.eventId) await settlePurchaseBonus(tx, { userId, plan, paymentIntentId: paymentIntent, live: status === "active", eventId: cause.eventId });
  return change;
}
