import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { customers, memberships, plans, pointPostings, referralClicks, referralCodes, referrals, users, type Referral } from "@/db/schema";
import { DEFAULT_PLANS } from "@/db/seed-plans";
import { flaggedReferrals, programFunnel, referralRevenue, topReferrers } from "@/lib/referrals/report";

// One database per file: the report counts everything in it, so this file owns all its rows.

const uid = () => crypto.randomUUID().slice(0, 8);

async function person(name: string) {
  const [user] = await db.insert(users).values({ email: `${name.toLowerCase()}-${uid()}@example.com`, name }).returning();
  return user;
}

async function referrer(name: string) {
  const user = await person(name);
  const code = `R${uid().toUpperCase()}`;
  await db.insert(referralCodes).values({ code, userId: user.id, vanity: false });
  return { user, code };
}

async function refer(from: { user: { id: string }; code: string }, status: Referral["status"], payment: { reference?: string; amountCents?: number } = {}) {
  const referee = await person("Friend");
  const [row] = await db
    .insert(referrals)
    .values({
      referrerUserId: from.user.id,
      refereeUserId: referee.id,
      code: from.code,
      source: "link",
      status,
      reason: status === "flagged" ? "burst of clicks" : null,
      qualifyingReference: payment.reference ?? null,
      qualifyingAmountCents: payment.amountCents ?? null,
    })
    .returning();
  return { row, referee };
}

describe("admin referral report", () => {
  it("counts clicks, sign-ups without blocked ones, conversions and net referral points; ranks referrers; lists the flagged", async () => {
    const ana = await referrer("Ana");
    const ben = await referrer("Ben");
    await db.insert(referralClicks).values(Array.from({ length: 5 }, () => ({ code: ana.code, ipHash: "ip", uaHash: "ua" })));
    const { row: rewarded } = await refer(ana, "rewarded");
    await refer(ana, "qualified");
    await refer(ana, "pending");
    await refer(ben, "qualified");
    const { row: flagged, referee } = await refer(ben, "flagged");
    await refer(ben, "blocked");

    const [customer] = await db.insert(customers).values({ email: ana.user.email, userId: ana.user.id }).returning();
    // Plain postings stand in for the ledger's (their entries are not what the report sums).
    await db.insert(pointPostings).values([
      { key: `referral:${rewarded.id}`, kind: "earn", customerId: customer.id, reason: "referral", memo: "Referral", points: 1000 },
      { key: `referral:${rewarded.id}:clawback`, kind: "reverse", customerId: customer.id, reason: "referral_clawback", memo: "Clawback", points: -400 },
      { key: `order:test:${uid()}`, kind: "earn", customerId: customer.id, reason: "purchase", memo: "Order", points: 50 },
      // a friend's welcome bonus (points mode) is reported apart from what referrers were paid
      { key: `referral:${rewarded.id}:referee`, kind: "earn", customerId: customer.id, reason: "referral_welcome", memo: "Welcome", points: 300 },
    ]);

    const funnel = await programFunnel();
    expect(funnel).toMatchObject({ clicks: 5, signups: 5, conversions: 3 });
    expect(funnel.byStatus).toMatchObject({ flagged: 1, blocked: 1 });
    // the grant minus its clawback; the purchase is not a referral posting
    expect(funnel.pointsPaid).toBe(600);
    expect(funnel.welcomePoints).toBe(300);

    const top = await topReferrers();
    expect(top.map((r) => [r.name, r.signups, r.conversions])).toEqual([
      ["Ana", 3, 2],
      ["Ben", 3, 1],
    ]);

    const queue = await flaggedReferrals();
    expect(queue).toEqual([expect.objectContaining({ id: flagged.id, reason: "burst of clicks", referrerEmail: ben.user.email, refereeEmail: referee.email })]);
  });

  it("revenue: each converted referral's qualifying payment, at its recorded amount or else its first paid plan's list price", async () => {
    await db.insert(plans).values(DEFAULT_PLANS).onConflictDoNothing();
    const before = await referralRevenue();
    const cleo = await referrer("Cleo");

    // recorded amounts: a discounted Lifetime payment and a discounted first monthly invoice
    await refer(cleo, "qualified", { reference: "cs_recorded", amountCents: 2400 });
    await refer(cleo, "rewarded", { reference: "in_recorded", amountCents: 720 });
    // no recorded amount: the Lifetime purchase the reference names stands in at its list price ($30)
    const { referee: lifetimeFriend } = await refer(cleo, "rewarded", { reference: "cs_lifetime" });
    await db.insert(memberships).values({ userId: lifetimeFriend.id, planId: "lifetime", status: "active", stripeCheckoutSessionId: "cs_lifetime" });
    // no recorded amount, a monthly subscription: its plan ($9), not an earlier admin grant
    const { referee: monthlyFriend } = await refer(cleo, "qualified", { reference: "in_monthly" });
    await db.insert(memberships).values([
      { userId: monthlyFriend.id, planId: "lifetime", status: "canceled", source: "admin_grant", startedAt: new Date("2026-01-01T00:00:00Z") },
      { userId: monthlyFriend.id, planId: "plus_monthly", status: "active", stripeSubscriptionId: `sub_${uid()}`, startedAt: new Date("2026-02-01T00:00:00Z") },
    ]);
    // not revenue: refunded (void), waiting for a payment, paid but held for review, blocked
    await refer(cleo, "void", { reference: "cs_refunded", amountCents: 2400 });
    await refer(cleo, "pending");
    await refer(cleo, "flagged", { reference: "cs_held", amountCents: 2400 });
    await refer(cleo, "blocked", { reference: "cs_samecard", amountCents: 2400 });

    const after = await referralRevenue();
    expect({ cents: after.cents - before.cents, payments: after.payments - before.payments, estimated: after.estimated - before.estimated }).toEqual({
      cents: 2400 + 720 + 3000 + 900,
      payments: 4,
      estimated: 2,
    });
  });
});
