import "server-only";
import type Stripe from "stripe";
import { applyPurchase, idOf, readPurchaseByPaymentIntent, type PurchaseState } from "../../stripe-state";
import { defineHandler } from "../handler";
import { recomputeTierAfterMembership } from "../../membership-points";
import { referralAfterReversal } from "@/lib/referrals/qualify";

type ChargeEvent = Stripe.ChargeRefundedEvent | Stripe.ChargeDisputeCreatedEvent | Stripe.ChargeDisputeClosedEvent;

/**
 * Refunds and disputes of a Lifetime purchase remove its paid benefits (a won dispute restores
 * them). Charges that are not a Checkout payment for a Cairn plan are ignored.
 */
export const chargeHandler = defineHandler<ChargeEvent, PurchaseState>({
  lockKey(event) {
    const paymentIntent = idOf(event.data.object.payment_intent);
    return paymentIntent ? `pi:${paymentIntent}` : null;
  },
  async read(stripe, event) {
    const paymentIntent = idOf(event.data.object.payment_intent);
    return paymentIntent ? readPurchaseByPaymentIntent(stripe, paymentIntent) : null;
  },
  async apply(tx, state, event) {
    const change = await applyPurchase(tx, state, { eventId: event.id, reason: event.type });
    if (!change) return { outcome: "ignored" };
    const after = change.from !== change.to ? [recomputeTierAfterMembership(change.membership.userId)] : [];
    // A refunded or disputed purchase voids the referral it qualified (idempotent, keyed on the referral).
    if (state.status === "refunded" || state.status === "disputed") after.push(referralAfterReversal(change.membership.userId, state.session.id));
    return { outcome: "processed", after };
  },
});
