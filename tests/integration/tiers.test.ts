import { addDays, addMonths, subDays, subMonths } from "date-fns";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, customerTiers, emailOutbox, integrations, memberships, orders, plans, settings, tierHistory, tiers, users } from "@/db/schema";
import { DEFAULT_PLANS } from "@/db/seed-plans";
import { DEFAULT_PROGRAM_SETTINGS, DEFAULT_TIERS } from "@/db/seed-program";
import { customerForUser, getOrCreateCustomer } from "@/lib/ledger/customers";
import { post } from "@/lib/ledger/post";
import { getTierMultiplier, recomputeTier, runTierMaintenance, setManualFloor, TierError, tierProgress } from "@/lib/tiers/tiers";

const newCustomer = async (name: string) => getOrCreateCustomer(`${name}-${crypto.randomUUID().slice(0, 8)}@example.com`);
const earn = (customerId: string, points: number, at: Date = new Date()) =>
  post({ kind: "earn", key: `test:${crypto.randomUUID()}`, customerId, points, reason: "purchase", memo: "Purchase", at });
const tierOf = async (customerId: string) => (await db.select().from(customerTiers).where(eq(customerTiers.customerId, customerId)))[0];
const historyOf = (customerId: string) => db.select().from(tierHistory).where(eq(tierHistory.customerId, customerId)).orderBy(tierHistory.id);
const setMetric = (metric: "points" | "spend") =>
  db.insert(settings).values({ key: "tiers", value: { metric, graceDays: 30 } }).onConflictDoUpdate({ target: settings.key, set: { value: { metric, graceDays: 30 } } });

beforeAll(async () => {
  await db.insert(tiers).values(DEFAULT_TIERS);
  await db.insert(settings).values(Object.entries(DEFAULT_PROGRAM_SETTINGS).map(([key, value]) => ({ key, value })));
  await db.insert(plans).values(DEFAULT_PLANS);
});

beforeEach(() => setMetric("points"));

describe("tier qualification over a rolling 12 months", () => {
  it("qualifies exactly at the threshold and not one point below", async () => {
    const at = await newCustomer("at");
    const below = await newCustomer("below");
    await earn(at.id, 1000);
    await earn(below.id, 999);
    expect(await recomputeTier(at.id, "order")).toMatchObject({ from: "bronze", to: "silver", direction: "up", reason: "order" });
    expect(await recomputeTier(below.id, "order")).toBeNull();
    expect((await tierOf(at.id)).tierId).toBe("silver");
    expect(await tierOf(below.id)).toMatchObject({ tierId: "bronze", qualifyingValue: 999 });
    expect(await getTierMultiplier(at.id)).toBe(1.25);
    expect(await getTierMultiplier(below.id)).toBe(1);
  });

  it("counts points earned 12 months − 1 day ago and not 12 months + 1 day ago", async () => {
    const now = new Date("2026-06-15T12:00:00Z");
    const inside = await newCustomer("inside");
    const outside = await newCustomer("outside");
    await earn(inside.id, 1000, addDays(subMonths(now, 12), 1));
    await earn(outside.id, 1000, subDays(subMonths(now, 12), 1));
    expect((await recomputeTier(inside.id, "order", now))?.to).toBe("silver");
    expect(await recomputeTier(outside.id, "order", now)).toBeNull();
    expect(await tierOf(outside.id)).toMatchObject({ tierId: "bronze", qualifyingValue: 0 });
  });

  it("ignores the balance: redemptions and adjustments don't change the qualifying value, refunds of earned points do", async () => {
    const c = await newCustomer("spender");
    const order = await earn(c.id, 1200);
    await post({ kind: "redeem", key: `test:${crypto.randomUUID()}`, customerId: c.id, points: 1100, reason: "redemption", memo: "Reward" });
    await post({ kind: "adjust", key: `test:${crypto.randomUUID()}`, customerId: c.id, points: 5000, reason: "admin_adjustment", memo: "Goodwill" });
    await recomputeTier(c.id, "order");
    expect(await tierOf(c.id)).toMatchObject({ tierId: "silver", qualifyingValue: 1200 });
    await post({ kind: "reverse", key: `test:${crypto.randomUUID()}`, customerId: c.id, points: 300, sourcePostingId: order.posting.id, reason: "order_refund", memo: "Order refunded" });
    await recomputeTier(c.id, "order_refund");
    expect(await tierOf(c.id)).toMatchObject({ tierId: "silver", qualifyingValue: 900 });
    expect((await tierOf(c.id)).downgradeAfter).not.toBeNull();
  });

  it("reports progress to the next tier and when the oldest points leave the window", async () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const c = await newCustomer("progress");
    const first = new Date("2025-08-10T09:00:00Z");
    await earn(c.id, 800, first);
    await earn(c.id, 400, new Date("2026-01-05T09:00:00Z"));
    await recomputeTier(c.id, "order", now);
    expect(await tierProgress(c.id, now)).toMatchObject({
      tier: { id: "silver", name: "Silver" },
      next: { id: "gold", threshold: 5000 },
      qualifyingValue: 1200,
      needed: 3800,
      metric: "points",
      by: addMonths(first, 12),
      downgradeAfter: null,
    });
    const top = await newCustomer("top");
    await earn(top.id, 15000);
    await recomputeTier(top.id, "order");
    expect(await tierProgress(top.id)).toMatchObject({ tier: { id: "platinum" }, next: null, needed: 0 });
    const none = await newCustomer("none");
    expect(await tierProgress(none.id)).toMatchObject({ tier: { id: "bronze" }, next: { id: "silver" }, qualifyingValue: 0, needed: 1000, by: null });
  });

  it("qualifies on spend net of refunds when the metric is spend", async () => {
    await setMetric("spend");
    const [integration] = await db.insert(integrations).values({ name: "Shop", secretHash: "x", secretPrefix: "x" }).returning();
    const c = await newCustomer("spend");
    const placedAt = new Date();
    await db.insert(orders).values({ integrationId: integration.id, externalId: `o-${c.id}`, customerId: c.id, currency: "usd", totalCents: 2000, qualifyingCents: 1500, refundedCents: 1000, placedAt });
    expect(await recomputeTier(c.id, "order")).toBeNull();
    expect((await tierOf(c.id)).qualifyingValue).toBe(750); // half the total refunded: half the qualifying cents
    await db.insert(orders).values({ integrationId: integration.id, externalId: `o2-${c.id}`, customerId: c.id, currency: "usd", totalCents: 250, qualifyingCents: 250, placedAt });
    expect((await recomputeTier(c.id, "order"))?.to).toBe("silver");
    expect(await tierProgress(c.id)).toMatchObject({ metric: "spend", qualifyingValue: 1000, needed: 4000, next: { id: "gold" } });
  });
});

describe("downgrades", () => {
  it("wait for the grace period, then the nightly job applies them if still below", async () => {
    const t0 = new Date("2025-01-10T10:00:00Z");
    const c = await newCustomer("grace");
    await earn(c.id, 5000, t0);
    expect((await recomputeTier(c.id, "order", t0))?.to).toBe("gold");

    // The points leave the window: the nightly job notices and starts the grace period.
    const dropped = addDays(addMonths(t0, 12), 1);
    // (Other tests' customers share this database, so the counts are checked as lower bounds.)
    expect((await runTierMaintenance(dropped)).graceStarted).toBeGreaterThanOrEqual(1);
    expect(await tierOf(c.id)).toMatchObject({ tierId: "gold", downgradeAfter: addDays(dropped, 30) });
    expect(await recomputeTier(c.id, "order", addDays(dropped, 1))).toBeNull(); // the grace date does not move

    await runTierMaintenance(addDays(dropped, 29));
    expect((await tierOf(c.id)).tierId).toBe("gold");

    expect((await runTierMaintenance(addDays(dropped, 30))).downgraded).toBeGreaterThanOrEqual(1);
    expect(await tierOf(c.id)).toMatchObject({ tierId: "bronze", downgradeAfter: null });
    expect((await historyOf(c.id)).map((h) => [h.fromTierId, h.toTierId, h.reason])).toEqual([
      ["bronze", "gold", "order"],
      ["gold", "bronze", "grace_ended"],
    ]);
    await runTierMaintenance(addDays(dropped, 31));
    expect(await historyOf(c.id)).toHaveLength(2);
  });

  it("are cancelled when the member qualifies again inside the grace period", async () => {
    const t0 = new Date("2025-02-01T10:00:00Z");
    const c = await newCustomer("requalify");
    await earn(c.id, 1000, t0);
    await recomputeTier(c.id, "order", t0);
    const later = addMonths(t0, 13);
    await recomputeTier(c.id, "nightly", later);
    expect((await tierOf(c.id)).downgradeAfter).not.toBeNull();
    expect(await getTierMultiplier(c.id)).toBe(1.25); // still Silver through the grace period
    await earn(c.id, 1000, addDays(later, 5));
    await recomputeTier(c.id, "order", addDays(later, 5));
    await runTierMaintenance(addDays(later, 40));
    expect(await tierOf(c.id)).toMatchObject({ tierId: "silver", downgradeAfter: null });
  });
});

describe("floors", () => {
  it("a live paid plan keeps its minimum tier; when it ends the tier follows the grace rule", async () => {
    const [user] = await db.insert(users).values({ email: `lifetime-${crypto.randomUUID().slice(0, 8)}@example.com` }).returning();
    const c = await customerForUser({ id: user.id, email: user.email });
    const [membership] = await db.insert(memberships).values({ userId: user.id, planId: "lifetime", status: "active" }).returning();
    expect(await getTierMultiplier(c.id)).toBe(1.25); // the floor holds even before a recompute
    expect(await recomputeTier(c.id, "membership")).toMatchObject({ from: "bronze", to: "silver" });
    expect(await tierProgress(c.id)).toMatchObject({ tier: { id: "silver" }, qualifyingValue: 0, next: { id: "gold" }, needed: 5000 });

    await db.update(memberships).set({ status: "refunded" }).where(eq(memberships.id, membership.id));
    const now = new Date();
    await runTierMaintenance(now);
    expect(await tierOf(c.id)).toMatchObject({ tierId: "silver", downgradeAfter: addDays(now, 30) });
    await runTierMaintenance(addDays(now, 31));
    expect((await tierOf(c.id)).tierId).toBe("bronze");
  });

  it("an admin's manual floor holds until its date, audited; an expired floor no longer holds", async () => {
    const [admin] = await db.insert(users).values({ email: `admin-${crypto.randomUUID().slice(0, 8)}@example.com`, role: "admin" }).returning();
    const c = await newCustomer("vip");
    const now = new Date();
    const until = addDays(now, 10);
    expect(await setManualFloor(c.id, "gold", until, admin.id, "Press partner", now)).toMatchObject({ from: "bronze", to: "gold", reason: "manual_floor" });
    expect(await getTierMultiplier(c.id)).toBe(1.5);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, "tier.manual_floor_set")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: admin.id, reason: "Press partner", before: { tierId: null, until: null }, after: { tierId: "gold", until: until.toISOString() } });

    // Still inside the floor: nothing moves.
    expect(await recomputeTier(c.id, "nightly", addDays(now, 9))).toBeNull();
    expect(await tierOf(c.id)).toMatchObject({ tierId: "gold", downgradeAfter: null });
    // Past its date the floor no longer holds: the downgrade starts its grace, then applies.
    await runTierMaintenance(addDays(now, 11));
    expect((await tierOf(c.id)).downgradeAfter).toEqual(addDays(addDays(now, 11), 30));
    await runTierMaintenance(addDays(now, 42));
    expect((await tierOf(c.id)).tierId).toBe("bronze");
  });

  it("refuses a floor without a future date, an unknown tier or a reason, and changes nothing", async () => {
    const c = await newCustomer("bad-floor");
    const now = new Date();
    await expect(setManualFloor(c.id, "gold", subDays(now, 1), null, "x", now)).rejects.toBeInstanceOf(TierError);
    await expect(setManualFloor(c.id, "diamond", addDays(now, 5), null, "x", now)).rejects.toBeInstanceOf(TierError);
    await expect(setManualFloor(c.id, "gold", addDays(now, 5), null, "  ", now)).rejects.toBeInstanceOf(TierError);
    expect(await tierOf(c.id)).toBeUndefined();
    expect(await db.select().from(auditLog).where(eq(auditLog.entityId, c.id))).toEqual([]);
  });
});

describe("upgrade email", () => {
  it("is sent once, even when recompute runs twice or concurrently", async () => {
    const c = await newCustomer("email");
    expect(await recomputeTier(c.id, "signup")).toBeNull(); // the tier row exists (Bronze) before the race
    await earn(c.id, 5000);
    // Warm the pool first, so the recomputes overlap instead of queueing on new connections.
    await Promise.all(Array.from({ length: 6 }, () => db.execute(sql`select pg_sleep(0.05)`)));
    const results = await Promise.all(Array.from({ length: 6 }, () => recomputeTier(c.id, "order")));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await recomputeTier(c.id, "order")).toBeNull();
    const emails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.to, c.email), eq(emailOutbox.template, "tier-upgrade")));
    expect(emails).toHaveLength(1);
    expect(emails[0].subject).toBe("You've reached Gold");
    expect(emails[0].text).toContain("1.5× points");
    expect(await historyOf(c.id)).toHaveLength(1);
  });
});
