import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { APP_URL, createHarness, createPlan, type Harness } from "./test-harness";

// Each file opens an in-memory PGlite and migrates it: slow on a busy two-core machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe("the real Stripe SDK against the emulator", () => {
  it("creates, retrieves, updates and lists customers by email", async () => {
    const created = await h.stripe.customers.create({ email: "ada@example.com", name: "Ada", metadata: { userId: "u_1" } });
    expect(created.id).toMatch(/^cus_/);
    expect(created.object).toBe("customer");
    expect(created.metadata).toEqual({ userId: "u_1" });

    const updated = await h.stripe.customers.update(created.id, { metadata: { tier: "gold", userId: "" } });
    expect(updated.metadata).toEqual({ tier: "gold" });

    const found = await h.stripe.customers.list({ email: "ada@example.com" });
    expect(found.object).toBe("list");
    expect(found.url).toBe("/v1/customers");
    expect(found.data.map((c) => c.id)).toEqual([created.id]);
    expect((await h.stripe.customers.retrieve(created.id)).id).toBe(created.id);
  });

  it("finds prices by lookup_key and moves a key with transfer_lookup_key", async () => {
    const monthly = await createPlan(h.stripe, { lookupKey: "rt_gold_monthly", amount: 1000, interval: "month" });
    expect(monthly.id).toMatch(/^price_/);
    expect(monthly.unit_amount_decimal?.toString()).toBe("1000");
    const listed = await h.stripe.prices.list({ lookup_keys: ["rt_gold_monthly"], active: true, expand: ["data.product"] });
    expect(listed.data.map((p) => p.id)).toEqual([monthly.id]);
    expect((listed.data[0].product as Stripe.Product).object).toBe("product");

    await expect(h.stripe.prices.create({ product: monthly.product as string, currency: "usd", unit_amount: 1200, recurring: { interval: "month" }, lookup_key: "rt_gold_monthly" })).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      param: "lookup_key",
    });
    const repriced = await h.stripe.prices.create({
      product: monthly.product as string,
      currency: "usd",
      unit_amount: 1200,
      recurring: { interval: "month" },
      lookup_key: "rt_gold_monthly",
      transfer_lookup_key: true,
    });
    const after = await h.stripe.prices.list({ lookup_keys: ["rt_gold_monthly"] });
    expect(after.data.map((p) => p.id)).toEqual([repriced.id]);
    expect((await h.stripe.prices.retrieve(monthly.id)).lookup_key).toBeNull();
  });

  it("runs a subscription checkout end to end and expands the result", async () => {
    await createPlan(h.stripe, { lookupKey: "rt_silver_monthly", amount: 900, interval: "month", name: "Silver" });
    const [price] = (await h.stripe.prices.list({ lookup_keys: ["rt_silver_monthly"] })).data;
    const session = await h.stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: price.id, quantity: 1 }],
      client_reference_id: "user_42",
      customer_email: "grace@example.com",
      metadata: { plan: "silver" },
      success_url: `${APP_URL}/membership/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${APP_URL}/pricing`,
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${APP_URL}/dev/stripe/checkout/${session.id}`);
    expect(session.status).toBe("open");
    expect(session.amount_total).toBe(900);

    const result = await h.emulator.completeCheckout(session.id, { cardNumber: "4242 4242 4242 4242" });
    expect(result.status).toBe("complete");
    if (result.status !== "complete") return;
    expect(result.redirectUrl).toBe(`${APP_URL}/membership/success?session_id=${session.id}`);

    const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription", "customer", "line_items", "subscription.latest_invoice"] });
    expect(done.status).toBe("complete");
    expect(done.payment_status).toBe("paid");
    expect(done.client_reference_id).toBe("user_42");
    expect((done.customer as Stripe.Customer).email).toBe("grace@example.com");
    expect(done.line_items?.data[0].price?.id).toBe(price.id);
    const sub = done.subscription as Stripe.Subscription;
    expect(sub.status).toBe("active");
    expect(sub.items.data[0].price.lookup_key).toBe("rt_silver_monthly");
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice.status).toBe("paid");
    expect(invoice.amount_paid).toBe(900);
    expect(invoice.parent?.subscription_details?.subscription).toBe(sub.id);

    const retrieved = await h.stripe.subscriptions.retrieve(sub.id, { expand: ["latest_invoice.payments", "default_payment_method"] });
    const pm = retrieved.default_payment_method as Stripe.PaymentMethod;
    expect(pm.card?.last4).toBe("4242");
    const payments = (retrieved.latest_invoice as Stripe.Invoice).payments!;
    const pi = await h.stripe.paymentIntents.retrieve(payments.data[0].payment.payment_intent as string, { expand: ["latest_charge"] });
    expect(pi.status).toBe("succeeded");
    expect((pi.latest_charge as Stripe.Charge).amount).toBe(900);

    const listed = await h.stripe.subscriptions.list({ customer: sub.customer as string });
    expect(listed.data.map((s) => s.id)).toEqual([sub.id]);
    expect((await h.stripe.invoices.list({ subscription: sub.id })).data.map((i) => i.id)).toEqual([invoice.id]);
  });

  it("answers like Stripe when something is wrong", async () => {
    const missing = await h.stripe.customers.retrieve("cus_nope").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing", param: "id", message: "No such customer: 'cus_nope'" });

    const unknown = await h.stripe.customers.create({ emial: "typo@example.com" } as Stripe.CustomerCreateParams).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "emial" });

    const badPrice = await h.stripe.checkout.sessions.create({ mode: "subscription", line_items: [{ price: "price_missing", quantity: 1 }] }).catch((e: unknown) => e);
    expect(badPrice).toMatchObject({ statusCode: 404, param: "line_items[0][price]" });

    const badInt = await h.stripe.prices.create({ currency: "usd", unit_amount: "ten" as unknown as number, product_data: { name: "x" } }).catch((e: unknown) => e);
    expect(badInt).toMatchObject({ statusCode: 400, param: "unit_amount", message: "Invalid integer: ten" });
  });

  it("paginates lists newest first and auto-pagination walks them all", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await h.stripe.customers.create({ email: "page@example.com" })).id);
    const first = await h.stripe.customers.list({ email: "page@example.com", limit: 2 });
    expect(first.has_more).toBe(true);
    expect(first.data.map((c) => c.id)).toEqual([ids[4], ids[3]]);
    const all: string[] = [];
    for await (const c of h.stripe.customers.list({ email: "page@example.com", limit: 2 })) all.push(c.id);
    expect(all).toEqual([...ids].reverse());
    const before = await h.stripe.customers.list({ email: "page@example.com", limit: 2, ending_before: ids[1] });
    expect(before.data.map((c) => c.id)).toEqual([ids[3], ids[2]]);
  });

  it("replays a request made with the same idempotency key", async () => {
    const a = await h.stripe.customers.create({ email: "idem@example.com" }, { idempotencyKey: "signup-1" });
    const b = await h.stripe.customers.create({ email: "idem@example.com" }, { idempotencyKey: "signup-1" });
    expect(b.id).toBe(a.id);
    await expect(h.stripe.customers.create({ email: "other@example.com" }, { idempotencyKey: "signup-1" })).rejects.toMatchObject({ type: "StripeIdempotencyError" });
  });
});
