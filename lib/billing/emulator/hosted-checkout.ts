import type Stripe from "stripe";
import { chargeDecline, lookupCard } from "./cards";
import { redeem, resolveCoupon, resolvePromotionCodeText, type AppliedCoupon } from "./discounts";
import { invalidRequest, type Decline } from "./errors";
import { chargeCard, createCardPaymentMethod } from "./payments";
import { withDiscount, type SessionParams } from "./resources/checkout-sessions";
import { createCustomer } from "./resources/customers";
import { startSubscription } from "./subscribing";
import { runWork, type Core, type Work } from "./work";

/**
 * What the hosted checkout page (app/dev/stripe/checkout/[id]) does when the visitor submits it:
 * the part of Stripe Checkout that runs in the browser and on Stripe's side.
 */

export type CheckoutForm = {
  cardNumber: string;
  /** Required when the session has neither `customer` nor `customer_email`. */
  email?: string;
  name?: string;
  /** A code typed on the page; only for sessions created with `allow_promotion_codes`. */
  promotionCode?: string;
};

export type CheckoutResult =
  | { status: "complete"; session: Stripe.Checkout.Session; redirectUrl: string | null }
  | { status: "declined"; session: Stripe.Checkout.Session; error: Decline };

async function openSession(work: Work, id: string): Promise<Stripe.Checkout.Session> {
  const session = await work.store.getOrThrow("checkout.session", id);
  work.onClockOf(session.customer as string | null);
  if (session.status !== "open" || session.expires_at <= work.time) throw invalidRequest("This Checkout Session is no longer active.", "session", "checkout_session_inactive");
  return session;
}

async function sessionCoupon(work: Work, session: Stripe.Checkout.Session): Promise<AppliedCoupon | null> {
  const d = session.discounts?.[0];
  if (!d) return null;
  return resolveCoupon(work.store, d.promotion_code ? { promotion_code: d.promotion_code as string } : { coupon: d.coupon as string }, work.time, "discounts[0]");
}

/** Applies a code typed on the hosted page; the page re-renders with the new totals. */
export async function applyPromotionCode(core: Core, sessionId: string, code: string): Promise<Stripe.Checkout.Session> {
  return runWork(core, async (work) => {
    const session = await openSession(work, sessionId);
    if (!session.allow_promotion_codes) throw invalidRequest("This Checkout Session does not accept promotion codes.", "promotion_code");
    const params = await work.store.findInternal<SessionParams>(`${session.id}:params`);
    const applied = await resolvePromotionCodeText(work.store, code, work.time);
    const updated = withDiscount(session, applied, !(params?.trialDays ?? null));
    await work.save(updated);
    return updated;
  });
}

export async function completeCheckout(core: Core, sessionId: string, form: CheckoutForm): Promise<CheckoutResult> {
  return runWork(core, async (work) => {
    let session = await openSession(work, sessionId);
    const params = (await work.store.findInternal<SessionParams>(`${session.id}:params`))!;
    const card = lookupCard(form.cardNumber);
    // A declined card changes nothing: the session stays open and the page shows the message.
    const decline = card.ok ? chargeDecline(card.card, true) : card.decline;
    if (decline || !card.ok) return { status: "declined", session, error: decline ?? { code: "card_declined", message: "Your card was declined." } };

    if (form.promotionCode) {
      if (!session.allow_promotion_codes) throw invalidRequest("This Checkout Session does not accept promotion codes.", "promotion_code");
      session = withDiscount(session, await resolvePromotionCodeText(work.store, form.promotionCode, work.time), params.trialDays === null);
    }
    const applied = await sessionCoupon(work, session);

    let customer = session.customer ? await work.store.getOrThrow("customer", session.customer as string) : null;
    const email = customer?.email ?? session.customer_email ?? form.email?.trim() ?? null;
    if (!email) throw invalidRequest("An email address is required.", "email");
    const name = form.name?.trim() || null;
    if (!customer && (session.mode === "subscription" || session.customer_creation === "always")) {
      customer = await createCustomer(work, { email, name });
    }
    const paymentMethod = await createCardPaymentMethod(work, card.card, { customer: customer?.id ?? null, email, name });

    let paymentIntent: string | null = null;
    let subscription: string | null = null;
    let invoice: string | null = null;
    if (session.mode === "payment") {
      if (session.amount_total) {
        const result = await chargeCard(work, {
          amount: session.amount_total,
          currency: session.currency!,
          customer: customer?.id ?? null,
          paymentMethod,
          description: params.paymentIntentDescription,
          onSession: true,
          metadata: params.paymentIntentMetadata,
          receiptEmail: params.receiptEmail,
        });
        paymentIntent = result.paymentIntent.id;
      }
    } else {
      const started = await startSubscription(work, {
        customer: customer!,
        items: session.line_items!.data.map((i) => ({ price: i.price!, quantity: i.quantity ?? 1 })),
        trialDays: params.trialDays,
        metadata: params.subscriptionMetadata,
        description: params.subscriptionDescription,
        paymentMethod,
        coupon: applied,
        checkoutSession: session.id,
      });
      subscription = started.subscription.id;
      invoice = started.invoice.id;
    }
    if (applied) await redeem(work, applied);

    const completed: Stripe.Checkout.Session = {
      ...session,
      status: "complete",
      payment_status: session.amount_total ? "paid" : "no_payment_required",
      customer: customer?.id ?? null,
      customer_details: { address: null, business_name: null, email, individual_name: null, name, phone: null, tax_exempt: "none", tax_ids: [] },
      payment_intent: paymentIntent,
      subscription,
      invoice,
      url: null,
    };
    await work.save(completed);
    await work.emit("checkout.session.completed", completed);
    // Stripe fills in the session id where the success URL asks for it.
    const redirectUrl = completed.success_url?.replaceAll("{CHECKOUT_SESSION_ID}", completed.id) ?? null;
    return { status: "complete", session: completed, redirectUrl };
  });
}
