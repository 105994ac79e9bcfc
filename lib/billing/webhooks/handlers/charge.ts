import "server-only";
import type Stripe from "stripe";
import { applyPurchase, idOf, readInvoicePayment, readPurchaseByPaymentIntent, type InvoicePaymentState, type PurchaseState } from "../../stripe-state";
import { defineHandler } from "../handler";
import { recomputeTierAfterMembership } from "../../membership-points";
import { referralAfterReversal } from "@/lib/referrals/qualify";

type ChargeEvent = Stripe.ChargeRefundedEvent | Stripe.ChargeDisputeCreatedEvent | Stripe.ChargeDisputeClosedEvent;

type ChargeState = { purchase: PurchaseState } | { invoice: InvoicePaymentState };

/**
 * Refunds and disputes. Of a Lifetime purchase: they remove its paid benefits (a won dispute
 * restores them). Of a subscription invoice: the subscription events carry the membership; here
 * only a referral qualified by that invoice is voided. Other charges are ignored.
 */
export const chargeHandler = defineHandler<ChargeEvent, ChargeState>({
  lockKey(event) {
    const paymentIntent = idOf(event.data.object.payment_intent);
    return paymentIntent ? `pi:${paymentIntent}` : null;
  },
  async read(stripe, event) {
    const paymentIntent = idOf(event.data.object.payment_intent);
    if (!paymentIntent) return null;
    const purchase = await readPurchaseByPaymentIntent(stripe, paymentIntent);
    if (purchase) return { purchase };
    const invoice = await readInvoicePayment(stripe, paymentIntent);
    return invoice ? { invoice } : null;
  },
  async apply(tx, state, event) {
    if ("invoice" in state) {
      // Voiding is idempotent and keyed on the referral; an invoice that qualified nothing changes nothing.
      return state.invoice.reversed ? { outcome: "processed", after: [referralAfterReversal(state.invoice.invoiceId)] } : { outcome: "ignored" };
    }
    const { purchase } = state;
    const change = await applyPurchase(tx, purchase, { eventId: event.id, reason: event.type });
    if (!change) return { outcome: "ignored" };
    const after = change.from !== change.to ? [recomputeTierAfterMembership(change.membership.userId)] : [];
    // A refunded or disputed purchase voids the referral it qualified (idempotent, keyed on the referral).
    if (purchase.status === "refunded" || purchase.status === "disputed") after.push(referralAfterReversal(purchase.session.id));
    return { outcome: "processed", after };
  },
});
