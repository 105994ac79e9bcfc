import { count } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { membershipHistory, memberships, stripeEvents } from "@/db/schema";
import { reconcileBilling } from "@/lib/billing/reconcile";
import { getEnv, parseEnv } from "@/lib/env";
import { GET, POST } from "@/app/api/cron/billing-reconcile/route";
import { buy, createMember, membershipsOf, setupBilling } from "../support/billing";

const globalForEnv = globalThis as unknown as { cairnEnv?: ReturnType<typeof getEnv> };
const original = getEnv();
const CRON_SECRET = "cron-secret-for-tests-0123456789";
const withCronSecret = () => {
  globalForEnv.cairnEnv = parseEnv({ ...process.env, AUTH_SECRET: original.AUTH_SECRET, CRON_SECRET });
};

async function snapshot() {
  const [[history], [events], rows] = await Promise.all([
    db.select({ n: count() }).from(membershipHistory),
    db.select({ n: count() }).from(stripeEvents),
    db.select().from(memberships).orderBy(memberships.id),
  ]);
  return { history: history.n, events: events.n, memberships: rows };
}

describe("billing reconcile", () => {
  let billing: Awaited<ReturnType<typeof setupBilling>>;

  // Webhooks are held and never flushed: as far as the app knows, they were lost.
  beforeAll(async () => {
    billing = await setupBilling({ mode: "manual" });
  });
  afterAll(() => billing.close());
  afterEach(() => {
    globalForEnv.cairnEnv = original;
  });

  it("creates the memberships lost webhooks never created, and a second run changes nothing", async () => {
    const lifetime = await createMember("lost-lifetime@example.com");
    const plus = await createMember("lost-plus@example.com");
    const lifetimeBuy = await buy(billing.emulator, lifetime, "lifetime");
    const plusBuy = await buy(billing.emulator, plus, "plus_monthly");
    expect(lifetimeBuy.result.status).toBe("complete");
    expect(plusBuy.result.status).toBe("complete");
    expect(await membershipsOf(lifetime.id)).toEqual([]);
    expect(await membershipsOf(plus.id)).toEqual([]);

    const first = await reconcileBilling();
    expect(first.errors).toEqual([]);
    expect(first.events.missing).toBeGreaterThan(0);
    expect(first.events.processed).toBeGreaterThanOrEqual(2);
    expect(first.events.failed).toBe(0);
    expect(first.subscriptions).toMatchObject({ listed: 1, cairn: 1, failed: 0 });

    const subscription = await billing.stripe.subscriptions.retrieve(plusBuy.result.session.subscription as string);
    expect(await membershipsOf(lifetime.id)).toEqual([
      expect.objectContaining({
        planId: "lifetime",
        status: "active",
        currentPeriodEnd: null,
        stripePaymentIntentId: lifetimeBuy.result.session.payment_intent,
        stripeCheckoutSessionId: lifetimeBuy.sessionId,
      }),
    ]);
    expect(await membershipsOf(plus.id)).toEqual([
      expect.objectContaining({
        planId: "plus_monthly",
        status: "trialing",
        stripeSubscriptionId: subscription.id,
        currentPeriodEnd: new Date(subscription.items.data[0].current_period_end * 1000),
        trialEnd: new Date(subscription.trial_end! * 1000),
      }),
    ]);

    const before = await snapshot();
    const second = await reconcileBilling();
    expect(second.events).toMatchObject({ missing: 0, processed: 0, ignored: 0, failed: 0 });
    expect(second.subscriptions).toMatchObject({ cairn: 1, repaired: 0, unchanged: 1, failed: 0 });
    // Nothing written at all: not a history row, not an event id, not even updated_at.
    expect(await snapshot()).toEqual(before);
  });

  it("re-syncs a subscription whose events are older than the window, and the late webhooks then agree", async () => {
    const member = await createMember("old-events@example.com");
    const { result } = await buy(billing.emulator, member, "plus_annual");
    expect(result.status).toBe("complete");

    // A window that starts after every event: only the subscription pass can repair this one.
    const run = await reconcileBilling({ since: new Date(Date.now() + 60 * 60 * 1000) });
    expect(run.events.listed).toBe(0);
    expect(run.subscriptions).toMatchObject({ listed: 2, cairn: 2, repaired: 1, unchanged: 1 });
    const [membership] = await membershipsOf(member.id);
    expect(membership).toMatchObject({ planId: "plus_annual", status: "trialing", stripeSubscriptionId: result.session.subscription, lastEventId: null });

    // The held webhooks finally arrive: handled once, and the state stays Stripe's.
    await billing.emulator.flushWebhooks();
    await billing.emulator.webhooks.idle();
    expect(await membershipsOf(member.id)).toEqual([expect.objectContaining({ id: membership.id, status: "trialing", currentPeriodEnd: membership.currentPeriodEnd })]);
    const after = await reconcileBilling();
    expect(after.events.missing).toBe(0);
    expect(after.subscriptions.repaired).toBe(0);
  });

  describe("GET|POST /api/cron/billing-reconcile", () => {
    const call = (handler: typeof GET, url: string, headers: Record<string, string> = {}) => handler(new Request(url, { method: handler === GET ? "GET" : "POST", headers }));
    const local = "http://localhost:3000/api/cron/billing-reconcile";

    it.each([
      ["no Authorization header", {}],
      ["a wrong bearer token", { authorization: "Bearer cron-secret-for-tests-0123456780" }],
      ["the secret without the Bearer scheme", { authorization: CRON_SECRET }],
      ["a longer token that starts with the secret", { authorization: `Bearer ${CRON_SECRET}x` }],
    ])("refuses %s with 401 JSON when CRON_SECRET is set, even from localhost", async (_case, headers) => {
      withCronSecret();
      const before = await snapshot();
      const response = await call(GET, local, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/Unauthorized/) });
      expect(await snapshot()).toEqual(before);
    });

    it("runs with the right bearer token (GET as Vercel Cron calls it, POST as the npm script does)", async () => {
      withCronSecret();
      for (const handler of [GET, POST]) {
        const response = await call(handler, "https://loyalty.example.com/api/cron/billing-reconcile", { authorization: `Bearer ${CRON_SECRET}` });
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ ok: true, result: { events: { failed: 0 }, subscriptions: { failed: 0 } } });
      }
    });

    it("without CRON_SECRET accepts only local calls", async () => {
      expect(getEnv().CRON_SECRET).toBeUndefined();
      const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
      expect((await call(POST, local)).status).toBe(200);
      expect((await call(POST, "http://127.0.0.1:3000/api/cron/billing-reconcile")).status).toBe(200);
      const refusals = [
        await call(POST, "https://loyalty.example.com/api/cron/billing-reconcile"),
        await call(POST, local, { host: "loyalty.example.com" }),
        await call(POST, local, { "x-forwarded-for": "203.0.113.7" }),
      ];
      expect(refusals.map((r) => r.status)).toEqual([401, 401, 401]);
      expect(warned).toHaveBeenCalledTimes(3); // refusals are logged: a deployment without CRON_SECRET shows up in its logs
      warned.mockRestore();
    });

    it("refuses a bad ?days", async () => {
      expect((await call(POST, `${local}?days=90`)).status).toBe(400);
    });
  });
});
