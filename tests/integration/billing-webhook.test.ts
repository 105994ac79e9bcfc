import { count, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { memberships, plans, stripeEventFailures, stripeEvents } from "@/db/schema";
import { openBillingPortal } from "@/lib/billing/checkout";
import { signPayload } from "@/lib/billing/emulator";
import { webhookSecret } from "@/lib/billing/stripe-client";
import { syncPlan } from "@/lib/billing/sync-plans";
import { POST } from "@/app/api/stripe/webhook/route";
import { buy, createMember, membershipsOf, setupBilling } from "../support/billing";

const now = () => Math.floor(Date.now() / 1000);

function post(body: string, signature: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature) headers["stripe-signature"] = signature;
  return POST(new Request("http://localhost:3000/api/stripe/webhook", { method: "POST", headers, body }));
}

const deliver = (event: object, timestamp = now()) => {
  const body = JSON.stringify(event);
  return post(body, signPayload(body, webhookSecret(), timestamp));
};

const fakeEvent = (type: string, object: object, id = `evt_test_${crypto.randomUUID().replaceAll("-", "")}`) => ({
  id,
  object: "event",
  api_version: "2026-10-28.endive",
  created: now(),
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
  type,
  data: { object },
});

async function tableCounts() {
  const [[m], [e]] = await Promise.all([db.select({ n: count() }).from(memberships), db.select({ n: count() }).from(stripeEvents)]);
  return { memberships: m.n, events: e.n };
}

describe("Stripe webhook endpoint", () => {
  let billing: Awaited<ReturnType<typeof setupBilling>>;
  beforeAll(async () => {
    billing = await setupBilling({ mode: "manual" });
  });
  afterAll(() => billing.close());

  it.each([
    ["no signature", (body: string) => post(body, null)],
    ["a signature made with another secret", (body: string) => post(body, signPayload(body, "whsec_not_ours", now()))],
    ["a tampered body", (body: string) => post(body.replace('"livemode":false', '"livemode":true'), signPayload(body, webhookSecret(), now()))],
    ["a timestamp older than 300 s", (body: string) => post(body, signPayload(body, webhookSecret(), now() - 301))],
  ])("refuses %s with 400 and changes nothing", async (_name, send) => {
    const before = await tableCounts();
    const response = await send(JSON.stringify(fakeEvent("customer.subscription.updated", { id: "sub_x", object: "subscription" })));
    expect(response.status).toBe(400);
    expect(await tableCounts()).toEqual(before);
  });

  it("acknowledges an unknown event type and ignores it", async () => {
    const event = fakeEvent("customer.tax_id.created", { id: "txi_1", object: "tax_id" });
    const response = await deliver(event);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: "ignored" });
    const [row] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id));
    expect(row.status).toBe("ignored");
    // a replay is acknowledged as a duplicate
    expect(await (await deliver(event)).json()).toMatchObject({ outcome: "duplicate" });
  });

  it("ignores subscriptions whose price is not one of Cairn's plans", async () => {
    const { stripe } = billing;
    const product = await stripe.products.create({ name: "Someone else's product" });
    const price = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 500, recurring: { interval: "month" }, lookup_key: "not_cairn" });
    const customer = await stripe.customers.create({ email: "foreign@example.com" });
    const session = await stripe.checkout.sessions.create({ mode: "subscription", customer: customer.id, line_items: [{ price: price.id, quantity: 1 }], success_url: "http://localhost:3000/x" });
    const before = await tableCounts();
    await billing.emulator.completeCheckout(session.id, { cardNumber: "4242424242424242" });
    const attempts = await billing.emulator.flushWebhooks();
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((a) => a.status === 200)).toBe(true);
    expect((await tableCounts()).memberships).toBe(before.memberships);
  });

  it("answers 500 when a handler fails, records the failure, and processes the retry", async () => {
    const event = fakeEvent("customer.subscription.updated", { id: "sub_does_not_exist", object: "subscription" });
    const log = console.error;
    console.error = () => {};
    const failed = await deliver(event);
    console.error = log;
    expect(failed.status).toBe(500);
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id))).toHaveLength(0);
    const failures = await db.select().from(stripeEventFailures).where(eq(stripeEventFailures.eventId, event.id));
    expect(failures).toHaveLength(1);
    expect(failures[0].error).toContain("sub_does_not_exist");
  });

  it("keeps a canceled membership canceled when a stale 'updated (active)' arrives after 'deleted'", async () => {
    const { emulator, stripe } = billing;
    const user = await createMember("stale@example.com");
    const { result } = await buy(emulator, user, "plus_monthly");
    if (result.status !== "complete") throw new Error("declined");
    await emulator.flushWebhooks();
    const subscriptionId = result.session.subscription as string;
    const portal = new URL((await openBillingPortal(user)).url).pathname.split("/").at(-1)!;
    await emulator.portal.cancelNow(portal, subscriptionId);
    const events = (await stripe.events.list({ limit: 100 })).data.filter((e) => (e.data.object as { id?: string }).id === subscriptionId);
    const deleted = events.find((e) => e.type === "customer.subscription.deleted")!;
    const created = events.find((e) => e.type === "customer.subscription.created")!;
    // deleted first, then a stale snapshot that still says trialing/active
    expect((await deliver(deleted)).status).toBe(200);
    const stale: Stripe.Event = { ...created, id: `${created.id}_stale`, type: "customer.subscription.updated" } as Stripe.Event;
    expect((await deliver(stale)).status).toBe(200);
    const [membership] = await membershipsOf(user.id);
    expect(membership.status).toBe("canceled");
    expect(membership.endedAt).not.toBeNull();
  });
});

describe("a price change", () => {
  let billing: Awaited<ReturnType<typeof setupBilling>>;
  beforeAll(async () => {
    billing = await setupBilling();
  });
  afterAll(() => billing.close());

  it("keeps recognising subscribers on the old price, whose lookup_key moved to the new one", async () => {
    const { emulator, stripe } = billing;
    const user = await createMember("old-price@example.com");
    const { result } = await buy(emulator, user, "plus_monthly");
    if (result.status !== "complete") throw new Error("declined");
    await emulator.webhooks.idle();
    const subscriptionId = result.session.subscription as string;

    await db.update(plans).set({ priceCents: 1200 }).where(eq(plans.id, "plus_monthly"));
    const [plan] = await db.select().from(plans).where(eq(plans.id, "plus_monthly"));
    expect((await syncPlan(stripe, plan))?.action).toBe("created");
    const sub = await stripe.subscriptions.retrieve(subscriptionId);
    expect(sub.items.data[0].price.lookup_key).toBeNull(); // the old price lost its key

    const portal = new URL((await openBillingPortal(user)).url).pathname.split("/").at(-1)!;
    await emulator.portal.cancelNow(portal, subscriptionId);
    await emulator.webhooks.idle();
    const [membership] = await membershipsOf(user.id);
    expect(membership).toMatchObject({ planId: "plus_monthly", status: "canceled" });
  });
});
