import { and, count, eq, like } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { customers, earningRules, emailOutbox, membershipHistory, pointPostings, stripeEventFailures, stripeEvents } from "@/db/schema";
import { DEFAULT_EARNING_RULES } from "@/db/seed-program";
import type { DeliveryAttempt } from "@/lib/billing/emulator";
import type { EventHandler } from "@/lib/billing/webhooks/handler";
import { HANDLERS } from "@/lib/billing/webhooks/handlers";
import { getBalance } from "@/lib/ledger/balances";
import { checkLedgerInvariants } from "@/lib/ledger/invariants";
import { buy, createMember, membershipsOf, setupBilling } from "../support/billing";

/**
 * Quality gates, resilience: a Stripe webhook handler throwing. The emulator delivers signed
 * webhooks to the app's route and retries anything but a 2xx, as Stripe does; a handler here fails
 * on its first run of each event — once after writing everything (which must roll back), once
 * before writing — and the retry must land the right state, applied once.
 */

const attempts: DeliveryAttempt[] = [];
let billing: Awaited<ReturnType<typeof setupBilling>>;
const originals = new Map<string, EventHandler>();

/** The handler of `type` throws on the first run of each event, `when` its writes are done or before it reads. */
function failFirstRun(type: string, when: "after-writes" | "before-read") {
  const original = HANDLERS[type]!;
  originals.set(type, original);
  const failed = new Set<string>();
  const failOnce = (eventId: string) => {
    if (failed.has(eventId)) return;
    failed.add(eventId);
    throw new Error(`injected failure (${when}) for ${eventId}`);
  };
  HANDLERS[type] = {
    lockKey: (event) => original.lockKey(event),
    read: async (stripe, event) => {
      if (when === "before-read") failOnce(event.id);
      return original.read(stripe, event);
    },
    apply: async (tx, state, event) => {
      const result = await original.apply(tx, state, event);
      if (when === "after-writes") failOnce(event.id);
      return result;
    },
  };
  return failed;
}

beforeAll(async () => {
  billing = await setupBilling({ onAttempt: (a) => attempts.push(a) });
  await db.insert(earningRules).values(DEFAULT_EARNING_RULES).onConflictDoNothing();
  // The route logs each failed delivery; the assertions read the attempts and the rows instead.
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  for (const [type, handler] of originals) HANDLERS[type] = handler;
  originals.clear();
});

afterAll(async () => {
  vi.restoreAllMocks();
  await billing.close();
});

async function customerIdOf(userId: string) {
  const [customer] = await db.select().from(customers).where(eq(customers.userId, userId));
  return customer.id;
}

async function receipts(to: string) {
  const [{ n }] = await db.select({ n: count() }).from(emailOutbox).where(and(eq(emailOutbox.to, to), eq(emailOutbox.template, "membership-receipt")));
  return n;
}

describe("a webhook handler that throws", () => {
  it("gets a 500 after its writes rolled back; the emulator's retry makes the Lifetime membership once, with its points and receipt once", async () => {
    const failed = failFirstRun("checkout.session.completed", "after-writes");
    const user = await createMember("lifetime-retry@example.com");
    const { result } = await buy(billing.emulator, user, "lifetime");
    if (result.status !== "complete") throw new Error("checkout declined");
    await billing.emulator.webhooks.idle();

    const [eventId] = [...failed];
    expect(eventId).toBeDefined();
    // The endpoint answered non-2xx, then 2xx to the emulator's retry.
    const tries = attempts.filter((a) => a.eventId === eventId);
    expect(tries.map((a) => [a.attempt, a.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    const delivery = (await billing.emulator.webhooks.deliveries()).find((d) => d.eventId === eventId);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 2, lastStatus: 200 });

    // The failure is on record; the event was processed once.
    const failures = await db.select().from(stripeEventFailures).where(eq(stripeEventFailures.eventId, eventId));
    expect(failures).toHaveLength(1);
    expect(failures[0].error).toContain("injected failure (after-writes)");
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId))).toEqual([expect.objectContaining({ status: "processed" })]);

    // The eventual state is right, and nothing of the failed run survived to be doubled.
    const rows = await membershipsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ planId: "lifetime", status: "active" });
    const history = await db.select().from(membershipHistory).where(eq(membershipHistory.membershipId, rows[0].id));
    expect(history.map((h) => h.toStatus)).toEqual(["active"]);
    const customerId = await customerIdOf(user.id);
    expect(await getBalance(customerId)).toMatchObject({ available: 500, pending: 0, debt: 0 });
    const membershipPostings = await db.select().from(pointPostings).where(and(eq(pointPostings.customerId, customerId), like(pointPostings.key, "stripe:%")));
    expect(membershipPostings).toHaveLength(1);
    expect(await receipts(user.email)).toBe(1);
    expect(await checkLedgerInvariants()).toEqual([]);
  });

  it("gets a 500 before anything is read; retried renewals of a subscription each count once", async () => {
    const failed = failFirstRun("invoice.paid", "before-read");
    const user = await createMember("renewal-retry@example.com");
    const { result } = await buy(billing.emulator, user, "plus_monthly");
    if (result.status !== "complete") throw new Error("checkout declined");
    const customer = result.session.customer as string;
    await billing.emulator.webhooks.idle();
    await billing.emulator.advance({ days: 31 }, { customer }); // the trial converts: first paid invoice
    await billing.emulator.webhooks.idle();
    await billing.emulator.advance({ months: 1 }, { customer }); // renews
    await billing.emulator.webhooks.idle();

    // Every invoice.paid (the trial's $0 one and the two paid ones) failed once and was retried.
    expect(failed.size).toBeGreaterThanOrEqual(2);
    for (const eventId of failed) {
      expect(attempts.filter((a) => a.eventId === eventId).map((a) => a.status)).toEqual([500, 200]);
      expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId))).toHaveLength(1);
      expect(await db.select().from(stripeEventFailures).where(eq(stripeEventFailures.eventId, eventId))).toHaveLength(1);
    }

    const rows = await membershipsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ planId: "plus_monthly", status: "active" });
    const subscription = await billing.stripe.subscriptions.retrieve(rows[0].stripeSubscriptionId!);
    expect(rows[0].currentPeriodEnd?.getTime()).toBe(subscription.items.data[0].current_period_end * 1000);
    // Plus grants 100 points per paid invoice: the conversion and the renewal, each once.
    expect(await getBalance(await customerIdOf(user.id))).toMatchObject({ available: 200, pending: 0, debt: 0 });
    expect(await checkLedgerInvariants()).toEqual([]);
  });

  it("keeps failing: every retry answers 500, the emulator gives up after its last one, and a redelivery after the fix lands the state", async () => {
    const user = await createMember("always-failing@example.com");
    // A handler that always fails: every attempt is a 500 and the event is never recorded as processed.
    const original = HANDLERS["checkout.session.completed"]!;
    originals.set("checkout.session.completed", original);
    HANDLERS["checkout.session.completed"] = {
      ...original,
      read: async () => {
        throw new Error("injected failure (always)");
      },
    };
    const { result } = await buy(billing.emulator, user, "lifetime");
    if (result.status !== "complete") throw new Error("checkout declined");
    await billing.emulator.webhooks.idle();
    const delivery = (await billing.emulator.webhooks.deliveries()).find((d) => d.lastStatus === 500 && d.status === "failed");
    expect(delivery).toBeDefined();
    // retryDelaysMs has 5 entries (tests/support/billing.ts): one attempt and five retries.
    expect(delivery!.attempts).toBe(6);
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, delivery!.eventId))).toHaveLength(0);
    expect(await membershipsOf(user.id)).toHaveLength(0);

    // Once the handler is fixed, the same event redelivered (Stripe's dashboard can resend one) lands the state.
    HANDLERS["checkout.session.completed"] = original;
    const event = await billing.stripe.events.retrieve(delivery!.eventId);
    const { POST } = await import("@/app/api/stripe/webhook/route");
    const { signPayload } = await import("@/lib/billing/emulator");
    const { webhookSecret } = await import("@/lib/billing/stripe-client");
    const body = JSON.stringify(event);
    const response = await POST(
      new Request("http://localhost:3000/api/stripe/webhook", { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signPayload(body, webhookSecret(), Math.floor(Date.now() / 1000)) }, body }),
    );
    expect(response.status).toBe(200);
    expect(await membershipsOf(user.id)).toEqual([expect.objectContaining({ planId: "lifetime", status: "active" })]);
  });
});
