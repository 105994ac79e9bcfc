import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { APP_URL, createHarness, createPlan, subscribe, typesFor, type Harness } from "./test-harness";

// Each file opens an in-memory PGlite and migrates it: slow on a busy two-core machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let h: Harness;
let lifetime: Stripe.Price;
beforeAll(async () => {
  h = await createHarness();
  lifetime = await createPlan(h.stripe, { lookupKey: "co_lifetime", amount: 25000, name: "Lifetime" });
  await createPlan(h.stripe, { lookupKey: "co_monthly", amount: 1000, interval: "month", name: "Gold" });
});
afterAll(async () => {
  await h.close();
});

async function paymentSession(extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  return h.stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [{ price: lifetime.id, quantity: 1 }],
    customer_email: "buyer@example.com",
    success_url: `${APP_URL}/done`,
    ...extra,
  });
}

describe("hosted checkout", () => {
  it("a declined card leaves the session open and reports the decline", async () => {
    const session = await paymentSession();
    const result = await h.emulator.completeCheckout(session.id, { cardNumber: "4000 0000 0000 0002" });
    expect(result.status).toBe("declined");
    if (result.status === "declined") expect(result.error).toMatchObject({ code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." });
    const after = await h.stripe.checkout.sessions.retrieve(session.id);
    expect(after.status).toBe("open");
    expect(after.payment_status).toBe("unpaid");
    // The visitor can try again with a good card.
    expect((await h.emulator.completeCheckout(session.id, { cardNumber: "4242424242424242" })).status).toBe("complete");
  });

  it("payment mode creates a payment intent and charge and emits checkout.session.completed", async () => {
    const session = await paymentSession({ payment_intent_data: { metadata: { kind: "lifetime" } }, client_reference_id: "user_7" });
    const result = await h.emulator.completeCheckout(session.id, { cardNumber: "4242424242424242", name: "Buyer" });
    if (result.status !== "complete") throw new Error("declined");
    const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent.latest_charge"] });
    expect(done.payment_status).toBe("paid");
    expect(done.customer).toBeNull(); // customer_creation "if_required": a guest, like Stripe
    expect(done.customer_details?.email).toBe("buyer@example.com");
    const pi = done.payment_intent as Stripe.PaymentIntent;
    expect(pi.amount).toBe(25000);
    expect(pi.metadata).toEqual({ kind: "lifetime" });
    expect((pi.latest_charge as Stripe.Charge).status).toBe("succeeded");
    await h.emulator.webhooks.idle();
    expect(typesFor(h.received, session.id)).toEqual(["checkout.session.completed"]);
    const completed = h.received.find((r) => r.event.type === "checkout.session.completed" && (r.event.data.object as Stripe.Checkout.Session).id === session.id)!;
    expect((completed.event.data.object as Stripe.Checkout.Session).client_reference_id).toBe("user_7");
  });

  it("refuses a session that is no longer open", async () => {
    const session = await paymentSession();
    await h.stripe.checkout.sessions.expire(session.id);
    await expect(h.emulator.completeCheckout(session.id, { cardNumber: "4242424242424242" })).rejects.toMatchObject({ status: 400 });
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe("expired");
  });

  it("applies a promotion code to the session's amount_total and counts the redemption", async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 20, duration: "once", name: "20% off" });
    const promo = await h.stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id }, code: "WELCOME20" });
    expect(promo.id).toMatch(/^promo_/);
    expect((await h.stripe.promotionCodes.list({ code: "WELCOME20" })).data.map((p) => p.id)).toEqual([promo.id]);

    const withDiscount = await paymentSession({ discounts: [{ promotion_code: promo.id }] });
    expect(withDiscount.amount_subtotal).toBe(25000);
    expect(withDiscount.amount_total).toBe(20000);
    expect(withDiscount.total_details?.amount_discount).toBe(5000);
    expect(withDiscount.discounts).toEqual([{ coupon: coupon.id, promotion_code: promo.id }]);

    // Typed on the hosted page instead, when the session allows codes.
    const open = await paymentSession({ allow_promotion_codes: true });
    expect(open.amount_total).toBe(25000);
    const applied = await h.emulator.applyPromotionCode(open.id, "welcome20");
    expect(applied.amount_total).toBe(20000);
    const result = await h.emulator.completeCheckout(open.id, { cardNumber: "4242424242424242" });
    if (result.status !== "complete") throw new Error("declined");
    const pi = await h.stripe.paymentIntents.retrieve(result.session.payment_intent as string);
    expect(pi.amount).toBe(20000);
    expect((await h.stripe.coupons.retrieve(coupon.id)).times_redeemed).toBe(1);
    expect((await h.stripe.promotionCodes.retrieve(promo.id)).times_redeemed).toBe(1);
  });

  it("subscription mode emits what Stripe emits, in order", async () => {
    const { subscription, session, customerId } = await subscribe(h, { lookupKey: "co_monthly" });
    await h.emulator.webhooks.idle();
    const types = h.received.filter((r) => {
      const o = r.event.data.object as { id: string; customer?: string };
      return o.id === customerId || o.customer === customerId || o.id === session.id;
    }).map((r) => r.event.type);
    expect(types).toEqual([
      "customer.created",
      "payment_method.attached",
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "invoice.paid",
      "invoice.payment_succeeded",
      "checkout.session.completed",
    ]);
    expect(subscription.status).toBe("active");
  });

  it("a trial subscription starts trialing with a $0 paid invoice and no charge", async () => {
    const { subscription, session } = await subscribe(h, { lookupKey: "co_monthly", trialDays: 14 });
    expect(subscription.status).toBe("trialing");
    expect(subscription.trial_end! - subscription.trial_start!).toBe(14 * 86400);
    expect(subscription.items.data[0].current_period_end).toBe(subscription.trial_end);
    expect(session.payment_status).toBe("no_payment_required");
    const invoice = await h.stripe.invoices.retrieve(subscription.latest_invoice as string);
    expect(invoice.status).toBe("paid");
    expect(invoice.amount_due).toBe(0);
    expect(invoice.lines.data[0].description).toBe("Trial period for Gold");
    expect((await h.stripe.charges.list({ customer: subscription.customer as string })).data).toHaveLength(0);
  });

  it("gives the same card the same fingerprint, and different cards different ones", async () => {
    const a = await subscribe(h, { lookupKey: "co_monthly" });
    const b = await subscribe(h, { lookupKey: "co_monthly" });
    const c = await subscribe(h, { lookupKey: "co_monthly", form: { cardNumber: "5555555555554444" } });
    const fp = async (s: Stripe.Subscription) => (await h.stripe.paymentMethods.retrieve(s.default_payment_method as string)).card!.fingerprint;
    expect(await fp(a.subscription)).toBe(await fp(b.subscription));
    expect(await fp(c.subscription)).not.toBe(await fp(a.subscription));
  });

  it("refuses a recurring price in payment mode", async () => {
    const [monthly] = (await h.stripe.prices.list({ lookup_keys: ["co_monthly"] })).data;
    await expect(h.stripe.checkout.sessions.create({ mode: "payment", line_items: [{ price: monthly.id, quantity: 1 }] })).rejects.toMatchObject({ statusCode: 400, param: "line_items[0][price]" });
  });
});
