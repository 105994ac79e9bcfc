import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { experienceSessions, pointPostings, redemptions, rewards, tickets, tiers } from "@/db/schema";
import { DEFAULT_TIERS } from "@/db/seed-program";
import { getBalance } from "@/lib/ledger/balances";
import { getOrCreateCustomer } from "@/lib/ledger/customers";
import { checkLedgerInvariants } from "@/lib/ledger/invariants";
import { post } from "@/lib/ledger/post";
import { RedemptionError } from "@/lib/rewards/errors";
import { cancelRedemption, redeem } from "@/lib/rewards/redeem";

const HOUR = 3_600_000;

async function member(points: number, tag: string) {
  const customer = await getOrCreateCustomer(`${tag}-${crypto.randomUUID().slice(0, 8)}@example.com`);
  if (points > 0) await post({ kind: "earn", key: `seed:${customer.id}`, customerId: customer.id, points, reason: "purchase", memo: "Purchase" });
  return customer.id;
}

async function reward(values: Partial<typeof rewards.$inferInsert> = {}) {
  const [r] = await db
    .insert(rewards)
    .values({ slug: `r-${crypto.randomUUID().slice(0, 8)}`, title: "Reward", kind: "product", status: "active", pointsCost: 100, ...values })
    .returning();
  return r;
}

async function experience(capacity: number, pointsCost = 300) {
  const r = await reward({ kind: "experience", title: "Sunrise kayak tour", pointsCost });
  const [s] = await db
    .insert(experienceSessions)
    .values({ rewardId: r.id, startsAt: new Date(Date.now() + 72 * HOUR), endsAt: new Date(Date.now() + 75 * HOUR), capacity, cutoffHours: 24 })
    .returning();
  return { reward: r, session: s };
}

describe("redemptions", () => {
  it("books exactly 10 of 200 concurrent requests for a 10-seat session, debiting exactly those 10", async () => {
    const { reward: r, session } = await experience(10, 300);
    const members = await Promise.all(Array.from({ length: 200 }, (_, i) => member(i % 20 === 0 ? 100 : 1000, `seat${i}`)));
    const results = await Promise.allSettled(members.map((customerId) => redeem({ customerId, rewardId: r.id, sessionId: session.id })));
    const booked = results.filter((x) => x.status === "fulfilled" && x.value.status === "redeemed");
    const full = results.filter((x) => x.status === "fulfilled" && x.value.status === "full");
    const refused = results.filter((x) => x.status === "rejected");
    expect(booked).toHaveLength(10);
    expect(full.length + refused.length).toBe(190);
    expect(refused.every((x) => (x as PromiseRejectedResult).reason instanceof RedemptionError)).toBe(true);
    const [after] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, session.id));
    expect(after.booked).toBe(10);
    const balances = await Promise.all(members.map((c) => getBalance(c)));
    expect(balances.reduce((sum, b) => sum + b.lifetimeRedeemed, 0)).toBe(10 * 300);
    expect(balances.every((b) => b.available >= 0)).toBe(true);
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(tickets).innerJoin(redemptions, eq(redemptions.id, tickets.redemptionId)).where(eq(redemptions.sessionId, session.id));
    expect(n).toBe(10);
    expect(await checkLedgerInvariants()).toEqual([]);
  });

  it("sells exactly 5 units of a 5-unit stock to 200 concurrent requests", async () => {
    const r = await reward({ stock: 5, pointsCost: 250 });
    const members = await Promise.all(Array.from({ length: 200 }, (_, i) => member(500, `stock${i}`)));
    const results = await Promise.allSettled(members.map((customerId) => redeem({ customerId, rewardId: r.id })));
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(5);
    expect(results.filter((x) => x.status === "rejected").every((x) => ((x as PromiseRejectedResult).reason as RedemptionError).code === "sold_out")).toBe(true);
    const [after] = await db.select().from(rewards).where(eq(rewards.id, r.id));
    expect(after.stock).toBe(0);
    const balances = await Promise.all(members.map((c) => getBalance(c)));
    expect(balances.reduce((sum, b) => sum + b.lifetimeRedeemed, 0)).toBe(5 * 250);
  });

  it("refuses a member who cannot afford it, and one past the per-member limit, changing nothing", async () => {
    const r = await reward({ pointsCost: 400, perMemberLimit: 1, stock: 10 });
    const poor = await member(399, "poor");
    await expect(redeem({ customerId: poor, rewardId: r.id })).rejects.toMatchObject({ code: "insufficient_points" });
    const rich = await member(2000, "rich");
    await redeem({ customerId: rich, rewardId: r.id });
    await expect(redeem({ customerId: rich, rewardId: r.id })).rejects.toMatchObject({ code: "limit_reached" });
    const [after] = await db.select().from(rewards).where(eq(rewards.id, r.id));
    expect(after.stock).toBe(9);
    expect((await getBalance(rich)).available).toBe(1600);
  });

  it("enforces gating and windows on the server (a crafted request for a locked reward is refused)", async () => {
    await db.insert(tiers).values(DEFAULT_TIERS).onConflictDoNothing();
    const gold = await reward({ minTierId: "gold" });
    const paid = await reward({ paidMembersOnly: true });
    const later = await reward({ publishAt: new Date(Date.now() + 48 * HOUR) });
    const over = await reward({ unpublishAt: new Date(Date.now() - HOUR), publishAt: new Date(Date.now() - 48 * HOUR) });
    const c = await member(5000, "gate");
    await expect(redeem({ customerId: c, rewardId: gold.id })).rejects.toMatchObject({ code: "tier_locked" });
    await expect(redeem({ customerId: c, rewardId: paid.id })).rejects.toMatchObject({ code: "members_only" });
    await expect(redeem({ customerId: c, rewardId: later.id })).rejects.toMatchObject({ code: "not_available" });
    await expect(redeem({ customerId: c, rewardId: over.id })).rejects.toMatchObject({ code: "not_available" });
    expect((await getBalance(c)).available).toBe(5000);
  });

  it("cancels up to the cut-off with the points back and the seat free; refuses after it", async () => {
    const { reward: r, session } = await experience(2, 300);
    const c = await member(1000, "cancel");
    const booked = await redeem({ customerId: c, rewardId: r.id, sessionId: session.id });
    if (booked.status !== "redeemed") throw new Error("not booked");
    const lateNow = new Date(session.startsAt.getTime() - 23 * HOUR);
    await expect(cancelRedemption({ redemptionId: booked.redemption.id, customerId: c, reason: "Changed plans", now: lateNow })).rejects.toMatchObject({ code: "booking_closed" });
    await cancelRedemption({ redemptionId: booked.redemption.id, customerId: c, reason: "Changed plans" });
    expect((await getBalance(c)).available).toBe(1000);
    const [after] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, session.id));
    expect(after.booked).toBe(0);
    await expect(cancelRedemption({ redemptionId: booked.redemption.id, customerId: c, reason: "again" })).rejects.toMatchObject({ code: "already_cancelled" });
    expect((await getBalance(c)).available).toBe(1000);
  });
});

const redemptionsOf = (customerId: string) => db.select().from(redemptions).where(eq(redemptions.customerId, customerId));
const redeemPostingsOf = (customerId: string) => db.select().from(pointPostings).where(and(eq(pointPostings.customerId, customerId), eq(pointPostings.kind, "redeem")));

/** A resent form (no JavaScript, a double click, a browser resend) carries the key of the form it was rendered with. */
describe("redemptions under a request key", () => {
  it("redeems once when the same form is sent twice; the second call is a replay of the first", async () => {
    // Exactly the points, the last unit, once per member: a second redemption would be refused
    // three times over, so a replay must come before every check.
    const r = await reward({ pointsCost: 100, stock: 1, perMemberLimit: 1 });
    const c = await member(100, "resend");
    const requestKey = crypto.randomUUID();
    const first = await redeem({ customerId: c, rewardId: r.id, requestKey });
    const second = await redeem({ customerId: c, rewardId: r.id, requestKey });
    expect(first).toMatchObject({ status: "redeemed", replayed: false });
    expect(second).toMatchObject({ status: "redeemed", replayed: true, reward: { id: r.id }, session: null, ticket: null });
    if (first.status !== "redeemed" || second.status !== "redeemed") throw new Error("not redeemed");
    expect(second.redemption).toEqual(first.redemption);
    expect(first.redemption.requestKey).toBe(requestKey);
    expect(await redemptionsOf(c)).toHaveLength(1);
    expect(await redeemPostingsOf(c)).toHaveLength(1);
    expect(await getBalance(c)).toMatchObject({ available: 0, lifetimeRedeemed: 100 });
    const [after] = await db.select().from(rewards).where(eq(rewards.id, r.id));
    expect(after.stock).toBe(0);
    expect(await checkLedgerInvariants()).toEqual([]);
  });

  it("redeems exactly once for 5 concurrent calls with the same key", async () => {
    const r = await reward({ pointsCost: 100, stock: 10 });
    const c = await member(1000, "race");
    const requestKey = crypto.randomUUID();
    const results = await Promise.all(Array.from({ length: 5 }, () => redeem({ customerId: c, rewardId: r.id, requestKey })));
    const ids = new Set(results.map((x) => (x.status === "redeemed" ? x.redemption.id : null)));
    expect(ids.size).toBe(1);
    expect(results.filter((x) => x.status === "redeemed" && !x.replayed)).toHaveLength(1);
    expect(results.filter((x) => x.status === "redeemed" && x.replayed)).toHaveLength(4);
    expect(await redemptionsOf(c)).toHaveLength(1);
    expect(await redeemPostingsOf(c)).toHaveLength(1);
    expect((await getBalance(c)).available).toBe(900);
    const [after] = await db.select().from(rewards).where(eq(rewards.id, r.id));
    expect(after.stock).toBe(9);
    expect(await checkLedgerInvariants()).toEqual([]);
  });

  it("redeems twice under two keys (two forms: the member meant it), and a key is the member's own", async () => {
    const r = await reward({ pointsCost: 100 });
    const a = await member(1000, "twice");
    const b = await member(1000, "other");
    const requestKey = crypto.randomUUID();
    expect(await redeem({ customerId: a, rewardId: r.id, requestKey })).toMatchObject({ status: "redeemed", replayed: false });
    expect(await redeem({ customerId: a, rewardId: r.id, requestKey: crypto.randomUUID() })).toMatchObject({ status: "redeemed", replayed: false });
    // Another member sending the same key (they cannot know it, but nothing may hang on that).
    expect(await redeem({ customerId: b, rewardId: r.id, requestKey })).toMatchObject({ status: "redeemed", replayed: false });
    expect(await redemptionsOf(a)).toHaveLength(2);
    expect(await redemptionsOf(b)).toHaveLength(1);
    expect((await getBalance(a)).available).toBe(800);
    expect((await getBalance(b)).available).toBe(900);
    expect(await checkLedgerInvariants()).toEqual([]);
  });

  it("replays a booking with the same ticket, the seat taken once", async () => {
    const { reward: r, session } = await experience(2, 300);
    const c = await member(1000, "rebook");
    const requestKey = crypto.randomUUID();
    const first = await redeem({ customerId: c, rewardId: r.id, sessionId: session.id, requestKey });
    const second = await redeem({ customerId: c, rewardId: r.id, sessionId: session.id, requestKey });
    if (first.status !== "redeemed" || second.status !== "redeemed") throw new Error("not booked");
    expect(second).toMatchObject({ replayed: true, redemption: { id: first.redemption.id }, session: { id: session.id }, ticket: { id: first.ticket!.id, code: first.ticket!.code } });
    const [after] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, session.id));
    expect(after.booked).toBe(1);
    expect(await redeemPostingsOf(c)).toHaveLength(1);
    expect((await getBalance(c)).available).toBe(700);
    expect(await checkLedgerInvariants()).toEqual([]);
  });

  it("refuses a key already used for another reward or session, changing nothing", async () => {
    const one = await reward({ pointsCost: 100 });
    const two = await reward({ pointsCost: 100 });
    const { reward: tour, session } = await experience(5, 300);
    const [later] = await db
      .insert(experienceSessions)
      .values({ rewardId: tour.id, startsAt: new Date(Date.now() + 96 * HOUR), endsAt: new Date(Date.now() + 99 * HOUR), capacity: 5, cutoffHours: 24 })
      .returning();
    const c = await member(2000, "reuse");
    const requestKey = crypto.randomUUID();
    await redeem({ customerId: c, rewardId: one.id, requestKey });
    await expect(redeem({ customerId: c, rewardId: two.id, requestKey })).rejects.toMatchObject({ code: "key_reused" });
    const booking = crypto.randomUUID();
    await redeem({ customerId: c, rewardId: tour.id, sessionId: session.id, requestKey: booking });
    await expect(redeem({ customerId: c, rewardId: tour.id, sessionId: later.id, requestKey: booking })).rejects.toMatchObject({ code: "key_reused" });
    expect(await redemptionsOf(c)).toHaveLength(2);
    expect((await getBalance(c)).available).toBe(1600);
  });
});
