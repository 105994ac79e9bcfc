import "server-only";
import type Stripe from "stripe";
import { getPlanOrThrow } from "../../plans";
import { receiptEmail, termOf } from "../../notify";
import { applyPurchase, applySubscription, idOf, readPurchase, readSubscription, type PurchaseState, type SubscriptionState } from "../../stripe-state";
import { defineHandler } from "../handler";
import { recomputeTierAfterMembership } from "../../membership-points";
import { referralAfterPayment } from "@/lib/referrals/qualify";

type CheckoutEvent = Stripe.CheckoutSessionCompletedEvent | Stripe.CheckoutSessionAsyncPaymentSucceededEvent | Stripe.CheckoutSessionAsyncPaymentFailedEvent;
type State = { kind: "subscription"; state: SubscriptionState } | { kind: "purchase"; state: PurchaseState };

/**
 * checkout.session.completed and its async-payment siblings. Subscription checkouts sync the
 * subscription; payment checkouts (Lifetime) create the membership once the payment is confirmed.
 */
export const checkoutSessionHandler = defineHandler<CheckoutEvent, State>({
  lockKey(event) {
    const session = event.data.object;
    const key = session.mode === "subscription" ? idOf(session.subscription) : idOf(session.payment_intent);
    return key ? `${session.mode === "subscription" ? "sub" : "pi"}:${key}` : null;
  },
  async read(stripe, event) {
    const session = event.data.object;
    const subscription = idOf(session.subscription);
    if (session.mode === "subscription" && subscription) return { kind: "subscription", state: await readSubscription(stripe, subscription) };
    if (session.mode === "payment") return { kind: "purchase", state: await readPurchase(stripe, session.id) };
    return null;
  },
  async apply(tx, state, event) {
    const cause = { eventId: event.id, reason: event.type };
    if (state.kind === "subscription") {
      const change = await applySubscription(tx, state.state, cause);
      if (!change) return { outcome: "ignored" };
      return { outcome: "processed", after: [recomputeTierAfterMembership(change.membership.userId)] };
    }
    const change = await applyPurchase(tx, state.state, cause);
    if (!change) return { outcome: "ignored" };
    const { membership } = change;
    // One receipt per paid checkout: this event is processed once, whatever state the purchase is in now.
    if (event.type === "checkout.session.async_payment_failed") return { outcome: "processed" };
    const plan = await getPlanOrThrow(membership.planId, tx);
    const session = state.state.session;
    return {
      outcome: "processed",
      after: [
        recomputeTierAfterMembership(membership.userId),
        // A paid Lifetime purchase is a referral conversion (after commit: the card check reads Stripe).
        ...(membership.status === "active" ? [referralAfterPayment(membership.userId, session.id, session.amount_total)] : []),
        receiptEmail(membership.userId, { planName: plan.name, amountCents: session.amount_total ?? plan.priceCents, currency: session.currency ?? plan.currency, term: termOf("one_time", membership.status, null) }),
      ],
    };
  },
});
