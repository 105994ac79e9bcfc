import Stripe from "stripe";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDatabase } from "@/db/client";
import { createHarness, createPlan, subscribe, WEBHOOK_SECRET, type Harness } from "./test-harness";

// Each file opens an in-memory PGlite and migrates it: slow on a busy two-core machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const verifier = new Stripe("sk_test_verifier");
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe("webhooks", () => {
  it("signs every delivery so stripe.webhooks.constructEvent accepts it, even months ahead on the clock", async () => {
    h = await createHarness();
    await createPlan(h.stripe, { lookupKey: "wh_monthly", amount: 1000, interval: "month" });
    const { customerId } = await subscribe(h, { lookupKey: "wh_monthly" });
    await h.emulator.advance({ months: 3 }, { customer: customerId });
    await h.emulator.webhooks.idle();
    expect(h.received.length).toBeGreaterThan(20);
    for (const r of h.received) {
      const event = verifier.webhooks.constructEvent(r.body, r.headers["stripe-signature"], WEBHOOK_SECRET);
      expect(event.id).toMatch(/^evt_/);
      expect(event).toMatchObject({ object: "event", livemode: false, api_version: Stripe.API_VERSION });
    }
    expect(() => verifier.webhooks.constructEvent(h!.received[0].body, h!.received[0].headers["stripe-signature"], "whsec_wrong")).toThrow(Stripe.errors.StripeSignatureVerificationError);
    // API-caused events name their request; clock-caused ones have none, as in Stripe.
    const created = h.received.find((r) => r.event.type === "price.created")!.event;
    expect(created.request?.id).toMatch(/^req_/);
    const renewal = h.received.find((r) => r.event.type === "invoice.created" && (r.event.data.object as Stripe.Invoice).billing_reason === "subscription_cycle")!.event;
    expect(renewal.request).toEqual({ id: null, idempotency_key: null });
  });

  it("without a configured secret, signs with one generated for (and kept in) the database", async () => {
    h = await createHarness({ webhook: { secret: undefined } });
    await h.stripe.customers.create({ email: "secret@example.com" });
    await h.emulator.webhooks.idle();
    const secret = await h.emulator.webhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9]{32}$/);
    const [r] = h.received;
    expect(verifier.webhooks.constructEvent(r.body, r.headers["stripe-signature"], secret).type).toBe("customer.created");
    const again = await createHarness({ database: h.database });
    expect(await again.emulator.webhookSecret()).toBe(secret);
    await again.close();
  });

  it("retries a failed delivery until the endpoint answers 2xx", async () => {
    h = await createHarness();
    h.respond.status = (_event, attempt) => (attempt < 3 ? 500 : 200);
    const customer = await h.stripe.customers.create({ email: "retry@example.com" });
    await h.emulator.webhooks.idle();
    const attempts = h.received.filter((r) => r.event.type === "customer.created" && (r.event.data.object as Stripe.Customer).id === customer.id);
    expect(attempts).toHaveLength(3);
    const [delivery] = await h.emulator.webhooks.deliveries();
    expect(delivery).toMatchObject({ status: "delivered", attempts: 3, lastStatus: 200, nextAttemptAt: null });
    expect((await h.stripe.events.retrieve(delivery.eventId)).pending_webhooks).toBe(0);
  });

  it("gives up after the last retry", async () => {
    h = await createHarness({ webhook: { retryDelaysMs: [0, 0] } });
    h.respond.status = () => 503;
    await h.stripe.customers.create({ email: "down@example.com" });
    await h.emulator.webhooks.idle();
    expect(h.received).toHaveLength(3);
    expect((await h.emulator.webhooks.deliveries())[0]).toMatchObject({ status: "failed", attempts: 3, lastStatus: 503, lastError: "handler failed" });
  });

  it("holds deliveries until flushed, and can repeat and shuffle them", async () => {
    h = await createHarness({ webhook: { mode: "manual" } });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await h.stripe.customers.create({ email: `held${i}@example.com` })).id);
    await h.emulator.webhooks.idle();
    expect(h.received).toHaveLength(0);

    let seed = 42;
    h.emulator.webhooks.configure({ duplicates: 2, shuffle: () => ((seed = (seed * 16807) % 2147483647) / 2147483647) });
    const attempts = await h.emulator.flushWebhooks();
    expect(attempts).toHaveLength(12);
    const order = h.received.map((r) => (r.event.data.object as Stripe.Customer).id);
    expect([...order].sort()).toEqual([...ids, ...ids].sort());
    expect(order).not.toEqual(ids.flatMap((id) => [id, id]));
    // Delivered rows are not sent again.
    expect(await h.emulator.flushWebhooks()).toEqual([]);
  });

  it("delivers concurrently when asked", async () => {
    let inFlight = 0;
    let peak = 0;
    h = await createHarness({
      webhook: {
        mode: "manual",
        concurrency: 4,
        fetch: async () => {
          peak = Math.max(peak, ++inFlight);
          await new Promise((r) => setTimeout(r, 20));
          inFlight--;
          return { status: 200, text: async () => "" };
        },
      },
    });
    for (let i = 0; i < 8; i++) await h.stripe.customers.create({ email: `c${i}@example.com` });
    await h.emulator.flushWebhooks();
    expect(peak).toBe(4);
  });

  it("keeps state and pending deliveries across a restart", async () => {
    const database = await createDatabase({ driver: "pglite", dir: "memory://" });
    await database.migrate();
    try {
      const first = await createHarness({ database, webhook: { mode: "manual" } });
      const customer = await first.stripe.customers.create({ email: "restart@example.com" });
      await first.close();

      // "Restart": a new emulator on the same database, delivering automatically.
      h = await createHarness({ database });
      await h.emulator.webhooks.idle();
      expect(h.received.map((r) => r.event.type)).toEqual(["customer.created"]);
      expect((await h.stripe.customers.retrieve(customer.id)).id).toBe(customer.id);
      await h.close();
      h = null;
    } finally {
      await database.close();
    }
  });
});
