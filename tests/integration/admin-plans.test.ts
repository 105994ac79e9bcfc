import { and, count, eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { auditLog, plans, users, type Plan } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/guards";
import { centsToDollars } from "@/lib/billing/plan-schemas";
import { installStripeForTests } from "@/lib/billing/stripe-client";
import { findPlanPrice } from "@/lib/billing/sync-plans";
import { createMember, setupBilling } from "../support/billing";

// The session is the action factory's input: each case decides who is calling.
let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => caller }));
// revalidatePath needs Next's request store; the tests call the actions directly.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));

const { syncPlanAction, syncPlansAction, updatePlanAction } = await import("@/lib/billing/admin-actions");

async function planRow(id: string): Promise<Plan> {
  const [plan] = await db.select().from(plans).where(eq(plans.id, id));
  return plan;
}

/** The form as the edit page would send it for `plan`, with some fields changed or removed. */
function formFor(plan: Plan, changes: Record<string, string | null> = {}): FormData {
  const fields: Record<string, string | null> = {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    price: centsToDollars(plan.priceCents),
    interval: plan.interval,
    trialDays: plan.kind === "recurring" ? String(plan.trialDays) : null,
    earnMultiplier: String(plan.benefits.earnMultiplier),
    percentBack: String(plan.benefits.percentBack),
    minTier: plan.benefits.minTier ?? "none",
    memberOnlyRewards: plan.benefits.memberOnlyRewards ? "on" : null,
    referralDiscountPercent: String(plan.benefits.referralDiscountPercent),
    bonusPoints: String(plan.benefits.bonusPoints),
    active: plan.active ? "on" : null,
    reason: "testing the plan editor",
    ...changes,
  };
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== null) form.set(key, value);
  return form;
}

const auditRows = (planId: string) => db.select().from(auditLog).where(and(eq(auditLog.entityType, "plan"), eq(auditLog.entityId, planId), eq(auditLog.action, "plan.updated")));
const auditCount = async () => (await db.select({ n: count() }).from(auditLog))[0].n;

describe("admin plan editor", () => {
  let billing: Awaited<ReturnType<typeof setupBilling>>;
  let admin: CurrentUser;

  beforeAll(async () => {
    billing = await setupBilling();
    const user = await createMember("plans-admin@example.com");
    await db.update(users).set({ role: "admin" }).where(eq(users.id, user.id));
    admin = { ...user, role: "admin" };
  });
  afterAll(() => billing.close());
  beforeEach(() => {
    caller = admin;
  });

  it("updates the plan and writes exactly one audit row with the changed fields, reason and actor", async () => {
    const before = await planRow("plus_annual");
    const result = await updatePlanAction(null, formFor(before, { name: "Plus yearly", bonusPoints: "1500", trialDays: "14", reason: "Holiday promotion" }));
    expect(result).toMatchObject({ ok: true, data: { changed: ["name", "trialDays", "benefits"], sync: { action: "unchanged" } } });

    const after = await planRow("plus_annual");
    expect(after).toMatchObject({ name: "Plus yearly", trialDays: 14, priceCents: before.priceCents, benefits: { ...before.benefits, bonusPoints: 1500 } });
    const audits = await auditRows("plus_annual");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: admin.id,
      reason: "Holiday promotion",
      before: { name: "Plus annual", trialDays: 30, benefits: { bonusPoints: 1200 } },
      after: { name: "Plus yearly", trialDays: 14, benefits: { bonusPoints: 1500 } },
    });
    expect(Object.keys(audits[0].before as object).sort()).toEqual(["benefits", "name", "trialDays"]);
  });

  it("commits the plan and its audit row together: a failing audit write leaves the plan as it was", async () => {
    // An actor id that is not a user breaks the audit row's foreign key, inside the same transaction.
    caller = { ...admin, id: "no-such-user" };
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const before = await planRow("free");
    const result = await updatePlanAction(null, formFor(before, { name: "Free forever" }));
    expect(result).toMatchObject({ ok: false, code: "internal" });
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
    expect(await planRow("free")).toEqual(before);
    expect(await auditRows("free")).toHaveLength(0);
  });

  it("saves the form unchanged without an audit row", async () => {
    const before = await planRow("free");
    const audits = await auditCount();
    const result = await updatePlanAction(null, formFor(before));
    expect(result).toMatchObject({ ok: true, data: { changed: [], sync: null } });
    expect(await auditCount()).toBe(audits);
  });

  it.each([
    ["a paid price under $0.50", "lifetime", { price: "0.49" }, "price"],
    ["a price over $10,000", "lifetime", { price: "10000.01" }, "price"],
    ["a price that is not an amount", "lifetime", { price: "thirty" }, "price"],
    ["three decimals in a price", "lifetime", { price: "30.001" }, "price"],
    ["a new price for the free plan", "free", { price: "5.00" }, "price"],
    ["a multiplier with three decimals", "plus_monthly", { earnMultiplier: "1.255" }, "earnMultiplier"],
    ["a multiplier above 10", "plus_monthly", { earnMultiplier: "11" }, "earnMultiplier"],
    ["a fractional % back", "lifetime", { percentBack: "10.5" }, "percentBack"],
    ["a referral discount above 100 %", "lifetime", { referralDiscountPercent: "101" }, "referralDiscountPercent"],
    ["negative bonus points", "lifetime", { bonusPoints: "-1" }, "bonusPoints"],
    ["blank bonus points", "lifetime", { bonusPoints: "" }, "bonusPoints"],
    ["an unknown tier", "lifetime", { minTier: "diamond" }, "minTier"],
    ["a trial longer than 730 days", "plus_monthly", { trialDays: "731" }, "trialDays"],
    ["a recurring plan without an interval", "plus_monthly", { interval: null }, "interval"],
    ["an interval on a lifetime plan", "lifetime", { interval: "month" }, "interval"],
    ["a trial on a lifetime plan", "lifetime", { trialDays: "30" }, "trialDays"],
    ["no reason", "lifetime", { reason: "  " }, "reason"],
    ["an empty name", "lifetime", { name: "" }, "name"],
  ])("refuses %s with a field error, changing nothing", async (_case, planId, changes, field) => {
    const before = await planRow(planId);
    const audits = await auditCount();
    const result = await updatePlanAction(null, formFor(before, { name: `${before.name} (edited)`, ...changes }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid_input");
    expect(result.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    expect(await planRow(planId)).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it.each([
    ["an anonymous caller", null, "unauthenticated"],
    ["a member", "member", "forbidden"],
  ] as const)("refuses %s and changes nothing", async (_case, role, code) => {
    caller = role ? { ...admin, role } : null;
    const before = await planRow("lifetime");
    const audits = await auditCount();
    expect(await updatePlanAction(null, formFor(before, { name: "Hijacked" }))).toMatchObject({ ok: false, code });
    expect(await syncPlansAction({})).toMatchObject({ ok: false, code });
    expect(await planRow("lifetime")).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("a price change creates a new Stripe price that takes over the lookup key; the old price loses it", async () => {
    const before = await planRow("lifetime");
    const oldPriceId = before.stripePriceId!;
    const result = await updatePlanAction(null, formFor(before, { price: "35.00", reason: "New season pricing" }));
    expect(result).toMatchObject({ ok: true, data: { changed: ["priceCents"], sync: { action: "created", lookupKey: "cairn_lifetime" } } });
    if (!result.ok || result.data.sync?.action !== "created") return;

    const newPrice = await billing.stripe.prices.retrieve(result.data.sync.priceId);
    expect(newPrice).toMatchObject({ unit_amount: 3500, currency: "usd", lookup_key: "cairn_lifetime", active: true, recurring: null });
    expect((await billing.stripe.prices.retrieve(oldPriceId)).lookup_key).toBeNull();
    expect((await findPlanPrice(billing.stripe, "cairn_lifetime"))?.id).toBe(newPrice.id);
    expect(await planRow("lifetime")).toMatchObject({ priceCents: 3500, stripePriceId: newPrice.id, syncedAt: expect.any(Date) });
    expect((await auditRows("lifetime")).at(-1)).toMatchObject({ before: { priceCents: 3000 }, after: { priceCents: 3500 }, reason: "New season pricing" });
  });

  it("an interval change on a recurring plan also creates a new price", async () => {
    const before = await planRow("plus_monthly");
    const result = await updatePlanAction(null, formFor(before, { interval: "year", price: "99.00" }));
    expect(result).toMatchObject({ ok: true, data: { sync: { action: "created" } } });
    if (!result.ok || result.data.sync?.action !== "created") return;
    const price = await billing.stripe.prices.retrieve(result.data.sync.priceId);
    expect(price).toMatchObject({ unit_amount: 9900, lookup_key: "cairn_plus_monthly", recurring: { interval: "year" } });
  });

  it("syncing all plans twice is a no-op the second time", async () => {
    // A price edited while Stripe was unreachable: the database and Stripe disagree.
    await db.update(plans).set({ priceCents: 4000 }).where(eq(plans.id, "lifetime"));
    const pricesBefore = (await billing.stripe.prices.list({ limit: 100 })).data.length;

    const first = await syncPlansAction({});
    expect(first.ok && first.data.map((o) => [o.planId, o.action])).toEqual([
      ["lifetime", "created"],
      ["plus_monthly", "unchanged"],
      ["plus_annual", "unchanged"],
    ]);
    const pricesAfterFirst = (await billing.stripe.prices.list({ limit: 100 })).data.length;
    expect(pricesAfterFirst).toBe(pricesBefore + 1);

    const eventsBefore = (await billing.stripe.events.list({ limit: 100 })).data.length;
    const syncedAtBefore = (await planRow("plus_monthly")).syncedAt;
    const second = await syncPlansAction({});
    expect(second.ok && second.data.map((o) => o.action)).toEqual(["unchanged", "unchanged", "unchanged"]);
    // In sync means nothing written: no product.updated event for the admin's event log, no new syncedAt.
    expect((await billing.stripe.events.list({ limit: 100 })).data.length).toBe(eventsBefore);
    expect((await planRow("plus_monthly")).syncedAt).toEqual(syncedAtBefore);
    expect((await billing.stripe.prices.list({ limit: 100 })).data.length).toBe(pricesAfterFirst);
    if (!first.ok || !second.ok) return;
    expect(second.data.map((o) => o.action !== "failed" && o.priceId)).toEqual(first.data.map((o) => o.action !== "failed" && o.priceId));

    const synced = await db.select().from(auditLog).where(eq(auditLog.action, "plans.synced"));
    expect(synced).toHaveLength(2);
    expect(synced[0]).toMatchObject({ actorId: admin.id, entityType: "plan" });
  });

  it("keeps the edit when Stripe fails after commit, says so in words, and 'Sync to Stripe' then succeeds", async () => {
    const down = new Stripe("sk_test_unreachable", {
      httpClient: Stripe.createFetchHttpClient(async () => {
        throw new TypeError("fetch failed");
      }),
      maxNetworkRetries: 0,
    });
    installStripeForTests(down);
    try {
      const before = await planRow("plus_annual");
      const result = await updatePlanAction(null, formFor(before, { price: "95.00" }));
      expect(result).toMatchObject({ ok: true, data: { changed: ["priceCents"], sync: { action: "failed", error: expect.stringMatching(/couldn't reach Stripe/) } } });
      expect(await planRow("plus_annual")).toMatchObject({ priceCents: 9500, stripePriceId: before.stripePriceId });
    } finally {
      installStripeForTests(billing.stripe, billing.emulator);
    }
    const retry = await syncPlanAction({ id: "plus_annual" });
    expect(retry).toMatchObject({ ok: true, data: { action: "created", lookupKey: "cairn_plus_annual" } });
    expect((await findPlanPrice(billing.stripe, "cairn_plus_annual"))?.unit_amount).toBe(9500);
  });

  it("names the problem when a paid plan has no lookup key", async () => {
    await db.insert(plans).values({ id: "orphan", name: "Orphan", kind: "one_time", priceCents: 1000, lookupKey: null, benefits: (await planRow("lifetime")).benefits, sortOrder: 9 });
    const result = await syncPlanAction({ id: "orphan" });
    expect(result).toMatchObject({ ok: true, data: { action: "failed", error: expect.stringMatching(/no Stripe lookup key/) } });
    expect(await syncPlanAction({ id: "nope" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await syncPlanAction({ id: "free" })).toMatchObject({ ok: false, code: "invalid_input" });
  });
});
