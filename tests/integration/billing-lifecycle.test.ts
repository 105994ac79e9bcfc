import { and, count, eq, inArray } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { customers, earningRules, emailOutbox, membershipHistory, memberships, stripeEvents, users } from "@/db/schema";
import { DEFAULT_EARNING_RULES } from "@/db/seed-program";
import { getBalance } from "@/lib/ledger/balances";
import { openBillingPortal } from "@/lib/billing/checkout";
import type { StripeEmulator } from "@/lib/billing/emulator";
import { buy, createMember, membershipsOf, setupBilling } from "../support/billing";

type Roles = Record<string, string>; // role → user id

/**
 * Every kind of membership life, driven through the hosted pages, the portal and the test clock:
 * lifetime; trial → convert → renew → fail → recover; cancel at period end; renewals failing until
 * canceled; refund; dispute lost; dispute won.
 */
async function lifecycle(emulator: StripeEmulator, stripe: Stripe, tag: string, settle: () => Promise<void>): Promise<Roles> {
  const roles: Roles = {};
  const member = async (role: string) => {
    const user = await createMember(`${role}-${tag}@example.com`);
    roles[role] = user.id;
    return user;
  };
  const portalId = async (user: Awaited<ReturnType<typeof member>>) => new URL((await openBillingPortal(user)).url).pathname.split("/").at(-1)!;
  const customerOf = (session: Stripe.Checkout.Session) => session.customer as string;
  const chargeOf = async (session: Stripe.Checkout.Session) => (await stripe.charges.list({ payment_intent: session.payment_intent as string })).data[0];

  await buy(emulator, await member("lifetime"), "lifetime");

  const plus = await member("plus");
  const plusBuy = await buy(emulator, plus, "plus_monthly");
  if (plusBuy.result.status !== "complete") throw new Error("plus checkout declined");
  const plusCustomer = customerOf(plusBuy.result.session);
  await settle();
  await emulator.advance({ days: 31 }, { customer: plusCustomer }); // the 30-day trial converts
  await settle();
  await emulator.advance({ months: 1 }, { customer: plusCustomer }); // renews
  await settle();
  const plusPortal = await portalId(plus);
  await emulator.portal.updateCard(plusPortal, "4000 0000 0000 0341");
  await emulator.advance({ months: 1 }, { customer: plusCustomer }); // renewal fails → past_due
  await settle();
  await emulator.portal.updateCard(plusPortal, "4242 4242 4242 4242");
  await emulator.advance({ days: 4 }, { customer: plusCustomer }); // the retry succeeds → active
  await settle();

  const quitter = await member("quitter");
  const quitterBuy = await buy(emulator, quitter, "plus_annual");
  if (quitterBuy.result.status !== "complete") throw new Error("quitter checkout declined");
  await emulator.portal.cancelAtPeriodEnd(await portalId(quitter), quitterBuy.result.session.subscription as string);
  await emulator.advance({ days: 31 }, { customer: customerOf(quitterBuy.result.session) });

  const lapsed = await member("lapsed");
  const lapsedBuy = await buy(emulator, lapsed, "plus_monthly", "4000 0000 0000 0341");
  if (lapsedBuy.result.status !== "complete") throw new Error("lapsed checkout declined");
  await emulator.advance({ days: 31 + 16 }, { customer: customerOf(lapsedBuy.result.session) }); // trial ends, every retry fails

  const refunded = await buy(emulator, await member("refunded"), "lifetime");
  if (refunded.result.status !== "complete") throw new Error("refund checkout declined");
  await stripe.refunds.create({ payment_intent: refunded.result.session.payment_intent as string });

  for (const outcome of ["lost", "won"] as const) {
    const disputed = await buy(emulator, await member(`dispute-${outcome}`), "lifetime");
    if (disputed.result.status !== "complete") throw new Error("dispute checkout declined");
    const dispute = await emulator.testHelpers.createDispute((await chargeOf(disputed.result.session)).id);
    await emulator.testHelpers.closeDispute(dispute.id, outcome);
  }
  return roles;
}

/** What a member sees, per role, plus proof that it equals Stripe's present state. */
async function finalState(stripe: Stripe, roles: Roles) {
  const out: Record<string, unknown> = {};
  for (const [role, userId] of Object.entries(roles)) {
    const rows = await membershipsOf(userId);
    const [m] = rows;
    if (m?.stripeSubscriptionId) {
      const sub = await stripe.subscriptions.retrieve(m.stripeSubscriptionId);
      expect(m.currentPeriodEnd?.getTime()).toBe(sub.items.data[0].current_period_end * 1000);
      expect(m.cancelAtPeriodEnd).toBe(sub.cancel_at_period_end);
    }
    const [{ n: emails }] = await db.select({ n: count() }).from(emailOutbox).innerJoin(users, eq(users.email, emailOutbox.to)).where(and(eq(users.id, userId), inArray(emailOutbox.template, ["membership-receipt", "payment-failed"])));
    const [customer] = await db.select().from(customers).where(eq(customers.userId, userId));
    const balance = customer ? await getBalance(customer.id) : null;
    const points = balance ? { available: balance.available, pending: balance.pending, debt: balance.debt } : null;
    out[role] = { memberships: rows.length, status: m?.status, plan: m?.planId, cancelAtPeriodEnd: m?.cancelAtPeriodEnd, hadTrial: !!m?.trialEnd, emails, points };
  }
  return out;
}

// The whole lifecycle runs twice per case through the emulator's clock: allow for a loaded CI machine.
describe("membership lifecycle through the Stripe emulator", { timeout: 90_000 }, () => {
  let billing: Awaited<ReturnType<typeof setupBilling>>;
  let inOrder: Record<string, unknown>;

  beforeAll(async () => {
    billing = await setupBilling({ concurrency: 1 });
    await db.insert(earningRules).values(DEFAULT_EARNING_RULES).onConflictDoNothing();
  });
  afterAll(() => billing.close());

  it("reaches the right state with in-order delivery", async () => {
    const roles = await lifecycle(billing.emulator, billing.stripe, "ordered", () => billing.emulator.webhooks.idle());
    await billing.emulator.webhooks.idle();
    inOrder = await finalState(billing.stripe, roles);
    expect(inOrder).toMatchObject({
      lifetime: { memberships: 1, status: "active", plan: "lifetime" },
      plus: { memberships: 1, status: "active", plan: "plus_monthly", hadTrial: true },
      quitter: { memberships: 1, status: "canceled", plan: "plus_annual" },
      lapsed: { memberships: 1, status: "canceled", plan: "plus_monthly" },
      refunded: { memberships: 1, status: "refunded", plan: "lifetime" },
      "dispute-lost": { memberships: 1, status: "disputed", plan: "lifetime" },
      "dispute-won": { memberships: 1, status: "active", plan: "lifetime" },
    });
    // membership bonus points: Lifetime 500 while the payment stands; Plus 100 per paid invoice
    // (conversion, renewal, recovered renewal); none for refunded or lost-dispute purchases
    expect(inOrder).toMatchObject({
      lifetime: { points: { available: 500, pending: 0, debt: 0 } },
      plus: { points: { available: 300, pending: 0, debt: 0 } },
      refunded: { points: { available: 0, pending: 0, debt: 0 } },
      "dispute-lost": { points: { available: 0, pending: 0, debt: 0 } },
      "dispute-won": { points: { available: 500, pending: 0, debt: 0 } },
    });
    // plus: a receipt for the trial start, the conversion, the renewal and the recovered payment, and one failure notice
    expect((inOrder.plus as { emails: number }).emails).toBe(5);
    const plusHistory = await db
      .select({ to: membershipHistory.toStatus })
      .from(membershipHistory)
      .innerJoin(memberships, eq(memberships.id, membershipHistory.membershipId))
      .where(eq(memberships.userId, roles.plus))
      .orderBy(membershipHistory.id);
    expect(plusHistory.map((h) => h.to)).toEqual(["trialing", "active", "past_due", "active"]);
  });

  it("reaches the same state when every event arrives 3 times, shuffled and concurrently", async () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const attempts: { eventId: string; ok: boolean }[] = [];
    billing.emulator.webhooks.configure({ mode: "manual", duplicates: 3, shuffle: random, concurrency: 8, onAttempt: (a) => attempts.push(a) });
    const roles = await lifecycle(billing.emulator, billing.stripe, "shuffled", async () => {});
    await billing.emulator.flushWebhooks();
    await billing.emulator.webhooks.idle();
    const shuffled = await finalState(billing.stripe, roles);
    expect(shuffled).toEqual(inOrder);
    // every event was delivered 3 times, each acknowledged, and recorded exactly once
    const ids = [...new Set(attempts.map((a) => a.eventId))];
    expect(ids.length).toBeGreaterThan(40);
    expect(attempts.filter((a) => a.ok)).toHaveLength(ids.length * 3);
    const recorded = await db.select({ id: stripeEvents.id }).from(stripeEvents).where(inArray(stripeEvents.id, ids));
    expect(recorded).toHaveLength(ids.length);
    billing.emulator.webhooks.configure({ mode: "auto", duplicates: 1, shuffle: false, concurrency: 1, onAttempt: undefined });
  });
});
