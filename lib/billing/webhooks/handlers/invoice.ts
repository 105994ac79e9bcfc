import "server-only";
import type Stripe from "stripe";
import { getPlanOrThrow } from "../../plans";
import { grantInvoiceBonus } from "../../membership-points";
import { paymentFailedEmail, receiptEmail, termOf } from "../../notify";
import { applySubscription, idOf, readSubscription, type SubscriptionState } from "../../stripe-state";
import { defineHandler } from "../handler";
import { recomputeTierAfterMembership } from "../../membership-points";
import { referralAfterPayment } from "@/lib/referrals/qualify";

type InvoiceEvent = Stripe.InvoicePaidEvent | Stripe.InvoicePaymentFailedEvent;
type State = SubscriptionState & { invoice: Stripe.Invoice };

const subscriptionOf = (invoice: Stripe.Invoice) => idOf(invoice.parent?.subscription_details?.subscription);

/**
 * invoice.paid (first payment, renewals, trial conversions) and invoice.payment_failed (renewal
 * failures → past_due). Each event is processed once, so each invoice gets one email.
 */
export const invoiceHandler = defineHandler<InvoiceEvent, State>({
  lockKey(event) {
    const subscription = subscriptionOf(event.data.object);
    return subscription ? `sub:${subscription}` : null;
  },
  async read(stripe, event) {
    const subscription = subscriptionOf(event.data.object);
    if (!subscription || !event.data.object.id) return null;
    const [state, invoice] = await Promise.all([readSubscription(stripe, subscription), stripe.invoices.retrieve(event.data.object.id)]);
    return { ...state, invoice };
  },
  async apply(tx, state, event) {
    const change = await applySubscription(tx, state, { eventId: event.id, reason: event.type });
    if (!change) return { outcome: "ignored" };
    const { membership } = change;
    const plan = await getPlanOrThrow(membership.planId, tx);
    const { invoice } = state;
    if (event.type === "invoice.paid") {
      // Bonus points for each paid period (not the $0 trial invoice), keyed on the invoice.
      if (invoice.amount_paid > 0 && invoice.id) await grantInvoiceBonus(tx, { userId: membership.userId, plan, invoiceId: invoice.id, eventId: event.id });
      return {
        outcome: "processed",
        after: [
          recomputeTierAfterMembership(membership.userId),
          // The first paid invoice is a referral conversion; a trial's $0 invoice is not.
          ...(invoice.amount_paid > 0 && invoice.id ? [referralAfterPayment(membership.userId, invoice.id, invoice.amount_paid)] : []),
          receiptEmail(membership.userId, {
            planName: plan.name,
            amountCents: invoice.amount_paid,
            currency: invoice.currency,
            term: termOf("recurring", membership.status, membership.currentPeriodEnd),
          }),
        ],
      };
    }
    return {
      outcome: "processed",
      after: [
        recomputeTierAfterMembership(membership.userId),
        paymentFailedEmail(membership.userId, {
          planName: plan.name,
          amountCents: invoice.amount_due,
          currency: invoice.currency,
          nextAttempt: invoice.next_payment_attempt ? new Date(invoice.next_payment_attempt * 1000) : null,
        }),
      ],
    };
  },
});
