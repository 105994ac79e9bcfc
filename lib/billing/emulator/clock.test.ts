import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addMonths } from "./periods";
import { createHarness, createPlan, subscribe, type Harness } from "./test-harness";

// Each file opens an in-memory PGlite and migrates it: slow on a busy two-core machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const DAY = 86400;
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await createPlan(h.stripe, { lookupKey: "clk_monthly", amount: 1000, interval: "month", name: "Gold" });
  await createPlan(h.stripe, { lookupKey: "clk_yearly", amount: 10000, interval: "year", name: "Gold yearly" });
});
afterAll(async () => {
  await h.close();
});

const period = (s: Stripe.Subscription) => ({ start: s.items.data[0].current_period_start, end: s.items.data[0].current_period_end });

/** Every test advances only its own customer's clock, so tests in this file cannot disturb each other. */
describe("the test clock", () => {
  it("renews a monthly subscription at period end, in Stripe's event order", async () => {
    const { subscription, customerId } = await subscribe(h, { lookupKey: "clk_monthly" });
    const before = period(subscription);
    expect(before.end).toBe(addMonths(before.start, 1));

    const { events } = await h.emulator.advance({ months: 1 }, { customer: customerId });
    expect(events.map((e) => e.type)).toEqual([
      "invoice.created",
      "invoice.finalized",
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "invoice_payment.paid",
      "invoice.paid",
      "invoice.payment_succeeded",
      "customer.subscription.updated",
    ]);
    const renewed = await h.stripe.subscriptions.retrieve(subscription.id, { expand: ["latest_invoice"] });
    expect(period(renewed)).toEqual({ start: before.end, end: addMonths(before.start, 2) });
    const invoice = renewed.latest_invoice as Stripe.Invoice;
    expect(invoice.billing_reason).toBe("subscription_cycle");
    expect(invoice.amount_paid).toBe(1000);
    expect(invoice.lines.data[0].period).toEqual({ start: before.end, end: addMonths(before.start, 2) });
    expect(invoice.lines.data[0].description).toBe("1 × Gold (at $10.00 / month)");

    const updated = await h.stripe.events.retrieve(events.at(-1)!.id);
    expect(updated.data.previous_attributes).toHaveProperty("items");
    expect(await h.emulator.now(customerId)).toBeGreaterThanOrEqual(before.end);
  });

  it("renews yearly subscriptions once a year", async () => {
    const { subscription, customerId } = await subscribe(h, { lookupKey: "clk_yearly" });
    const first = period(subscription);
    expect(first.end).toBe(addMonths(first.start, 12));
    const { events } = await h.emulator.advance({ months: 11 }, { customer: customerId });
    expect(events).toEqual([]);
    const later = await h.emulator.advance({ months: 1, days: 1 }, { customer: customerId });
    expect(later.events.filter((e) => e.type === "invoice.paid")).toHaveLength(1);
    expect(period(await h.stripe.subscriptions.retrieve(subscription.id)).end).toBe(addMonths(first.start, 24));
  });

  it("0341: pays at checkout, fails at renewal, goes past_due, retries 3/5/7 days later, then cancels", async () => {
    const { subscription, customerId } = await subscribe(h, { lookupKey: "clk_monthly", form: { cardNumber: "4000000000000341" } });
    expect(subscription.status).toBe("active");
    const renewal = await h.emulator.advance({ months: 1 }, { customer: customerId });
    expect(renewal.events.map((e) => e.type)).toEqual([
      "invoice.created",
      "invoice.finalized",
      "payment_intent.created",
      "charge.failed",
      "payment_intent.payment_failed",
      "invoice.payment_failed",
      "customer.subscription.updated",
    ]);
    let sub = await h.stripe.subscriptions.retrieve(subscription.id, { expand: ["latest_invoice"] });
    expect(sub.status).toBe("past_due");
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice.status).toBe("open");
    expect(invoice.attempt_count).toBe(1);
    expect(invoice.next_payment_attempt).toBe(period(subscription).end + 3 * DAY);

    const retry1 = await h.emulator.advance({ days: 3 }, { customer: customerId });
    expect(retry1.events.map((e) => e.type)).toEqual(["charge.failed", "payment_intent.payment_failed", "invoice.payment_failed"]);
    await h.emulator.advance({ days: 5 }, { customer: customerId });
    const last = await h.emulator.advance({ days: 7 }, { customer: customerId });
    expect(last.events.map((e) => e.type)).toEqual(["charge.failed", "payment_intent.payment_failed", "invoice.payment_failed", "customer.subscription.deleted"]);
    sub = await h.stripe.subscriptions.retrieve(subscription.id);
    expect(sub.status).toBe("canceled");
    expect(sub.cancellation_details?.reason).toBe("payment_failed");
    expect((await h.stripe.invoices.retrieve(invoice.id)).attempt_count).toBe(4);
    // One payment intent for the invoice, retried: four failed charges on it.
    const [payment] = (await h.stripe.invoicePayments.list({ invoice: invoice.id })).data;
    expect((await h.stripe.charges.list({ payment_intent: payment.payment.payment_intent as string })).data).toHaveLength(4);
    // Canceled subscriptions drop out of the default list, as in Stripe.
    expect((await h.stripe.subscriptions.list({ customer: customerId })).data).toHaveLength(0);
    expect((await h.stripe.subscriptions.list({ customer: customerId, status: "canceled" })).data).toHaveLength(1);
  });

  it("ends a trial: trialing → active with the first paid invoice", async () => {
    const { subscription, customerId } = await subscribe(h, { lookupKey: "clk_monthly", trialDays: 7 });
    const { events } = await h.emulator.advance({ days: 7 }, { customer: customerId });
    expect(events.map((e) => e.type).slice(-3)).toEqual(["invoice.paid", "invoice.payment_succeeded", "customer.subscription.updated"]);
    const updated = await h.stripe.events.retrieve(events.at(-1)!.id);
    expect((updated.data.object as Stripe.Subscription).status).toBe("active");
    expect(updated.data.previous_attributes).toMatchObject({ status: "trialing" });
    const sub = await h.stripe.subscriptions.retrieve(subscription.id, { expand: ["latest_invoice"] });
    expect(period(sub)).toEqual({ start: subscription.trial_end, end: addMonths(subscription.trial_end!, 1) });
    expect((sub.latest_invoice as Stripe.Invoice).amount_paid).toBe(1000);
  });

  it("a trial on the 0341 card goes past_due at trial end", async () => {
    const { subscription, customerId } = await subscribe(h, { lookupKey: "clk_monthly", trialDays: 3, form: { cardNumber: "4000 0000 0000 0341" } });
    await h.emulator.advance({ days: 3 }, { customer: customerId });
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).status).toBe("past_due");
  });

  it("cancel_at_period_end: the subscription ends at period end without another invoice", async () => {
    const { subscription, customerId } = await subscribe(h, { lookupKey: "clk_monthly" });
    const scheduled = await h.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    expect(scheduled.cancel_at).toBe(period(subscription).end);
    expect(scheduled.status).toBe("active");
    const { events } = await h.emulator.advance({ months: 1 }, { customer: customerId });
    expect(events.map((e) => e.type)).toEqual(["customer.subscription.deleted"]);
    const ended = await h.stripe.subscriptions.retrieve(subscription.id);
    expect(ended.status).toBe("canceled");
    expect(ended.ended_at).toBe(period(subscription).end);
    expect((await h.stripe.invoices.list({ subscription: subscription.id })).data).toHaveLength(1);
  });

  it("a once coupon discounts the first invoice only; a repeating one its months", async () => {
    const once = await h.stripe.coupons.create({ amount_off: 500, currency: "usd", duration: "once" });
    const a = await subscribe(h, { lookupKey: "clk_monthly", discounts: [{ coupon: once.id }] });
    expect((await h.stripe.invoices.retrieve(a.subscription.latest_invoice as string)).amount_paid).toBe(500);
    expect((await h.stripe.subscriptions.retrieve(a.subscription.id)).discounts).toEqual([]);
    await h.emulator.advance({ months: 1 }, { customer: a.customerId });
    expect((await h.stripe.invoices.list({ subscription: a.subscription.id })).data.map((i) => i.amount_paid)).toEqual([1000, 500]);

    const twoMonths = await h.stripe.coupons.create({ percent_off: 50, duration: "repeating", duration_in_months: 2 });
    const b = await subscribe(h, { lookupKey: "clk_monthly", discounts: [{ coupon: twoMonths.id }] });
    for (let i = 0; i < 3; i++) await h.emulator.advance({ months: 1 }, { customer: b.customerId });
    expect((await h.stripe.invoices.list({ subscription: b.subscription.id })).data.map((i) => i.amount_paid)).toEqual([1000, 1000, 500, 500]);
  });

  it("moves only the given customer's clock", async () => {
    const a = await subscribe(h, { lookupKey: "clk_monthly" });
    const b = await subscribe(h, { lookupKey: "clk_monthly" });
    await h.emulator.advance({ months: 1, days: 1 }, { customer: a.customerId });
    expect((await h.stripe.invoices.list({ customer: a.customerId })).data).toHaveLength(2);
    expect((await h.stripe.invoices.list({ customer: b.customerId })).data).toHaveLength(1);
    expect((await h.emulator.now(a.customerId)) - (await h.emulator.now(b.customerId))).toBeGreaterThan(28 * DAY);
  });
});

describe("cancellation through the API, expiry and real time", () => {
  it("cancels now with DELETE and emits customer.subscription.deleted", async () => {
    const { subscription } = await subscribe(h, { lookupKey: "clk_monthly" });
    const canceled = await h.stripe.subscriptions.cancel(subscription.id, { cancellation_details: { feedback: "too_expensive" } });
    expect(canceled).toMatchObject({ status: "canceled", cancellation_details: { feedback: "too_expensive", reason: "cancellation_requested" } });
    expect(canceled.ended_at).not.toBeNull();
    const events = await h.stripe.events.list({ type: "customer.subscription.deleted", limit: 5 });
    expect(events.data.some((e) => (e.data.object as Stripe.Subscription).id === subscription.id)).toBe(true);
    await expect(h.stripe.subscriptions.cancel(subscription.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("expires an unpaid checkout session after 24 hours", async () => {
    const customer = await h.stripe.customers.create({ email: "slow@example.com" });
    const [price] = (await h.stripe.prices.list({ lookup_keys: ["clk_monthly"] })).data;
    const session = await h.stripe.checkout.sessions.create({ mode: "subscription", customer: customer.id, line_items: [{ price: price.id, quantity: 1 }] });
    const { events } = await h.emulator.advance({ hours: 25 }, { customer: customer.id });
    expect(events.map((e) => e.type)).toEqual(["checkout.session.expired"]);
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe("expired");
  });

  it("runDue() renews what real time has made due (the dev server's tick)", async () => {
    let realNow = Date.UTC(2026, 4, 1);
    const ticking = await createHarness({ now: () => realNow });
    try {
      await createPlan(ticking.stripe, { lookupKey: "tick", amount: 500, interval: "month" });
      const { subscription } = await subscribe(ticking, { lookupKey: "tick" });
      expect((await ticking.emulator.runDue()).events).toEqual([]);
      realNow += 32 * DAY * 1000;
      const { events } = await ticking.emulator.runDue();
      expect(events.map((e) => e.type)).toContain("invoice.paid");
      expect(period(await ticking.stripe.subscriptions.retrieve(subscription.id)).start).toBe(period(subscription).end);
    } finally {
      await ticking.close();
    }
  });
});

describe("the billing portal", () => {
  it("cancels at period end, resumes, and cancels now", async () => {
    const { subscription, customerId } = await subscribe(h, { lookupKey: "clk_monthly" });
    const portal = await h.stripe.billingPortal.sessions.create({ customer: customerId, return_url: "http://localhost:3000/account" });
    expect(portal.id).toMatch(/^bps_/);
    expect(portal.url).toBe(`http://localhost:3000/dev/stripe/portal/${portal.id}`);

    expect((await h.emulator.portal.cancelAtPeriodEnd(portal.id, subscription.id)).cancel_at_period_end).toBe(true);
    const resumed = await h.emulator.portal.resume(portal.id, subscription.id);
    expect(resumed.cancel_at_period_end).toBe(false);
    expect(resumed.cancel_at).toBeNull();
    const view = await h.emulator.portal.get(portal.id);
    expect(view.subscriptions.map((s) => s.subscription.id)).toEqual([subscription.id]);
    expect(view.paymentMethod?.card?.last4).toBe("4242");
    expect((await h.emulator.portal.cancelNow(portal.id, subscription.id)).status).toBe("canceled");

    const other = await subscribe(h, { lookupKey: "clk_monthly" });
    await expect(h.emulator.portal.cancelNow(portal.id, other.subscription.id)).rejects.toMatchObject({ status: 400 });
  });

  it("a new card pays the past-due invoice and the subscription becomes active again", async () => {
    const { subscription, customerId } = await subscribe(h, { lookupKey: "clk_monthly", form: { cardNumber: "4000000000000341" } });
    await h.emulator.advance({ months: 1 }, { customer: customerId });
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).status).toBe("past_due");
    const portal = await h.stripe.billingPortal.sessions.create({ customer: customerId });
    expect((await h.emulator.portal.updateCard(portal.id, "4000 0000 0000 0002")).status).toBe("declined");
    const updated = await h.emulator.portal.updateCard(portal.id, "4242 4242 4242 4242");
    expect(updated.status).toBe("updated");
    const sub = await h.stripe.subscriptions.retrieve(subscription.id, { expand: ["latest_invoice"] });
    expect(sub.status).toBe("active");
    expect((sub.latest_invoice as Stripe.Invoice).status).toBe("paid");
    expect((await h.stripe.customers.retrieve(customerId) as Stripe.Customer).invoice_settings.default_payment_method).toBe(sub.default_payment_method);
  });
});

describe("month arithmetic like Stripe", () => {
  it("bills an anchor on the 31st on the last day of shorter months, then on the 31st again", async () => {
    // Real time pinned to Jan 31, 12:00 UTC, on a fresh database.
    const pinned = await createHarness({ now: () => Date.UTC(2026, 0, 31, 12, 0, 0) });
    try {
      await createPlan(pinned.stripe, { lookupKey: "m31", amount: 1000, interval: "month" });
      const { subscription, customerId } = await subscribe(pinned, { lookupKey: "m31" });
      const date = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
      expect(date(period(subscription).start)).toBe("2026-01-31");
      expect(date(period(subscription).end)).toBe("2026-02-28");
      await pinned.emulator.advance({ days: 29 }, { customer: customerId });
      const feb = period(await pinned.stripe.subscriptions.retrieve(subscription.id));
      expect([date(feb.start), date(feb.end)]).toEqual(["2026-02-28", "2026-03-31"]);
      await pinned.emulator.advance({ days: 31 }, { customer: customerId });
      const mar = period(await pinned.stripe.subscriptions.retrieve(subscription.id));
      expect([date(mar.start), date(mar.end)]).toEqual(["2026-03-31", "2026-04-30"]);
    } finally {
      await pinned.close();
    }
  });
});
