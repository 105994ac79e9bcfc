import { createHash } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { auditLog, customers, drawEntries, emailOutbox, experienceSessions, redemptions, rewards, tickets, tiers, users } from "@/db/schema";
import { DEFAULT_TIERS } from "@/db/seed-program";
import type { CurrentUser } from "@/lib/auth/guards";
import { getBalance } from "@/lib/ledger/balances";
import { getOrCreateCustomer } from "@/lib/ledger/customers";
import { checkLedgerInvariants } from "@/lib/ledger/invariants";
import { post } from "@/lib/ledger/post";
import { drawOrder, enterDraw, runDraw, runDueDraws } from "@/lib/rewards/draw";

let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => caller }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));

const { enterDrawAction, runDrawAction } = await import("@/lib/rewards/draw-actions");

const HOUR = 3_600_000;
const COST = 500;

async function member(points: number, tag: string) {
  const customer = await getOrCreateCustomer(`${tag}-${crypto.randomUUID().slice(0, 8)}@example.com`);
  if (points > 0) await post({ kind: "earn", key: `seed:${customer.id}`, customerId: customer.id, points, reason: "purchase", memo: "Purchase" });
  return customer.id;
}

async function user(role: "member" | "admin"): Promise<CurrentUser> {
  const email = `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const [row] = await db.insert(users).values({ email, name: role === "admin" ? "Ada Admin" : "Mo Member", role }).returning();
  return { id: row.id, email, name: row.name, role };
}

/** A draw-mode session whose entries are open now and close in an hour; the session is in 4 days. */
async function drawSession(capacity: number, rewardValues: Partial<typeof rewards.$inferInsert> = {}) {
  const [r] = await db
    .insert(rewards)
    .values({ slug: `d-${crypto.randomUUID().slice(0, 8)}`, title: "Chef's table", kind: "experience", status: "active", pointsCost: COST, ...rewardValues })
    .returning();
  const now = Date.now();
  const [s] = await db
    .insert(experienceSessions)
    .values({ rewardId: r.id, startsAt: new Date(now + 96 * HOUR), endsAt: new Date(now + 99 * HOUR), capacity, mode: "draw", drawOpensAt: new Date(now - HOUR), drawClosesAt: new Date(now + HOUR) })
    .returning();
  return { reward: r, session: s, afterClose: new Date(now + 2 * HOUR) };
}

const entriesOf = (sessionId: string) => db.select().from(drawEntries).where(eq(drawEntries.sessionId, sessionId)).orderBy(asc(drawEntries.id));

/** What the published algorithm says: walk the order, seats to those who can pay, skip the rest. */
function replay(seed: string, entries: { id: number; customerId: string }[], capacity: number, canPay: (customerId: string) => boolean) {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const results = new Map<number, "won" | "lost" | "skipped">();
  let left = capacity;
  for (const id of drawOrder(seed, entries.map((e) => e.id))) {
    if (left === 0) results.set(id, "lost");
    else if (!canPay(byId.get(id)!.customerId)) results.set(id, "skipped");
    else {
      results.set(id, "won");
      left--;
    }
  }
  return results;
}

describe("drawOrder", () => {
  it("is a deterministic permutation of the entries, whatever order they are given in", () => {
    const ids = [5, 3, 11, 1, 8, 2, 13];
    const a = drawOrder("seed-a", ids);
    expect(drawOrder("seed-a", [...ids].reverse())).toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual([1, 2, 3, 5, 8, 11, 13]);
    expect(drawOrder("seed-b", ids)).not.toEqual(a);
    expect(drawOrder("x", [])).toEqual([]);
    expect(drawOrder("x", [42])).toEqual([42]);
  });

  it("is fair: over 2,000 fixed seeds, 10 entrants and 3 seats, each wins 30 % ± 4 points and the chi-square test passes", () => {
    // Why ±4 points: each entrant's wins are Binomial(2000, 0.3), sd = √(2000·0.3·0.7) ≈ 20.5 wins ≈ 1.0 point,
    // so the band is ~3.9 sd: a fair shuffle essentially never leaves it, while a biased one (e.g. a
    // modulo bias or an off-by-one in Fisher–Yates that never leaves an entrant in place) does. The chi-square
    // statistic over the 10 counts (df = 9) must stay under 27.88, the 0.1 % critical value. The seeds are
    // fixed, so the test is deterministic.
    const SEEDS = 2000;
    const entrants = Array.from({ length: 10 }, (_, i) => i + 1);
    const wins = new Map(entrants.map((e) => [e, 0]));
    const firsts = new Map(entrants.map((e) => [e, 0]));
    for (let s = 0; s < SEEDS; s++) {
      const seed = createHash("sha256").update(`fairness:${s}`).digest("hex");
      const order = drawOrder(seed, entrants);
      for (const winner of order.slice(0, 3)) wins.set(winner, wins.get(winner)! + 1);
      firsts.set(order[0], firsts.get(order[0])! + 1);
    }
    const expected = (SEEDS * 3) / 10;
    for (const [, n] of wins) expect(Math.abs(n / SEEDS - 0.3)).toBeLessThanOrEqual(0.04);
    const chi = [...wins.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(chi).toBeLessThan(27.88);
    // and the order itself is fair, not only the set: everyone is drawn first about 10 % of the time
    for (const [, n] of firsts) expect(Math.abs(n / SEEDS - 0.1)).toBeLessThanOrEqual(0.03);
  });
});

describe("fair draw", () => {
  beforeEach(() => {
    caller = null;
  });

  it("books winners down the shuffled list; the stored seed and entries reproduce exactly the recorded winners", async () => {
    const { reward, session, afterClose } = await drawSession(3);
    const members = await Promise.all(Array.from({ length: 12 }, (_, i) => member(2000, `entrant${i}`)));
    for (const customerId of members) expect(await enterDraw({ customerId, sessionId: session.id })).toMatchObject({ status: "entered" });

    const result = await runDraw({ sessionId: session.id, now: afterClose });
    if (result.status !== "drawn") throw new Error("not drawn");
    expect(result.winners).toHaveLength(3);

    const [stored] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, session.id));
    expect(stored.drawSeed).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.drawnAt?.getTime()).toBe(afterClose.getTime());
    expect(stored.booked).toBe(3);

    // Re-run from what was published: the seed and the entry list.
    const entries = await entriesOf(session.id);
    const replayed = replay(stored.drawSeed!, entries, session.capacity, () => true);
    for (const entry of entries) expect(entry.result).toBe(replayed.get(entry.id));
    const wonBy = entries.filter((e) => e.result === "won").map((e) => e.customerId).sort();
    expect([...result.winners].sort()).toEqual(wonBy);

    // Winners were booked like any booking: a redemption, its posting, a ticket, points debited.
    const booked = await db.select().from(redemptions).innerJoin(tickets, eq(tickets.redemptionId, redemptions.id)).where(eq(redemptions.sessionId, session.id));
    expect(booked.map((b) => b.redemptions.customerId).sort()).toEqual(wonBy);
    expect(booked.every((b) => b.redemptions.pointsCost === COST && b.redemptions.rewardId === reward.id)).toBe(true);
    for (const customerId of members) expect((await getBalance(customerId)).available).toBe(wonBy.includes(customerId) ? 2000 - COST : 2000);
    expect(await checkLedgerInvariants()).toEqual([]);

    // Everyone heard their result, after commit; the seed is published in the email.
    const mail = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "draw-result"));
    expect(mail).toHaveLength(12);
    expect(mail.every((m) => m.text.includes(stored.drawSeed!))).toBe(true);
    expect(mail.filter((m) => m.subject.startsWith("You won"))).toHaveLength(3);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "session.drawn"), eq(auditLog.entityId, session.id)));
    expect(audit.after).toMatchObject({ seed: stored.drawSeed, entries: 12, won: 3, lost: 9, skipped: 0 });
  });

  it("skips a drawn entrant who can no longer pay and draws the next one", async () => {
    const { session, afterClose } = await drawSession(2);
    const members = await Promise.all(Array.from({ length: 6 }, (_, i) => member(0, `skip${i}`)));
    for (const customerId of members) await enterDraw({ customerId, sessionId: session.id });
    const seed = "a-fixed-seed-for-this-test";
    const entries = await entriesOf(session.id);
    const order = drawOrder(seed, entries.map((e) => e.id));
    const customerOf = (entryId: number) => entries.find((e) => e.id === entryId)!.customerId;
    const poor = customerOf(order[0]);
    // Everyone earns enough before the close except the first one the seed draws.
    for (const customerId of members) {
      await post({ kind: "earn", key: `late:${customerId}`, customerId, points: customerId === poor ? COST - 1 : COST, reason: "purchase", memo: "Purchase" });
    }

    const result = await runDraw({ sessionId: session.id, now: afterClose, seed });
    if (result.status !== "drawn") throw new Error("not drawn");
    const after = new Map((await entriesOf(session.id)).map((e) => [e.id, e.result]));
    expect(after.get(order[0])).toBe("skipped");
    expect(after.get(order[1])).toBe("won");
    expect(after.get(order[2])).toBe("won");
    for (const id of order.slice(3)) expect(after.get(id)).toBe("lost");
    expect(result.winners.sort()).toEqual([customerOf(order[1]), customerOf(order[2])].sort());
    expect((await getBalance(poor)).available).toBe(COST - 1);
    expect((await getBalance(customerOf(order[1]))).available).toBe(0);
    const [{ email }] = await db.select({ email: customers.email }).from(customers).where(eq(customers.id, poor));
    const skippedMail = await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, "draw-result"), eq(emailOutbox.to, email)));
    expect(skippedMail[0].text).toContain("no longer covered");
  });

  it("running the draw twice does nothing the second time (nor does the daily job afterwards)", async () => {
    const { session, afterClose } = await drawSession(1);
    for (let i = 0; i < 4; i++) await enterDraw({ customerId: await member(1000, `twice${i}`), sessionId: session.id });
    const first = await runDraw({ sessionId: session.id, now: afterClose });
    const snapshot = async () => ({
      session: (await db.select().from(experienceSessions).where(eq(experienceSessions.id, session.id)))[0],
      entries: await entriesOf(session.id),
      redemptions: (await db.select({ n: sql<number>`count(*)::int` }).from(redemptions).where(eq(redemptions.sessionId, session.id)))[0].n,
      mail: (await db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox))[0].n,
    });
    const before = await snapshot();
    const again = await runDraw({ sessionId: session.id, now: new Date(afterClose.getTime() + HOUR) });
    expect(again).toMatchObject({ status: "already_drawn", seed: first.seed });
    expect(await runDueDraws(new Date(afterClose.getTime() + 2 * HOUR))).toEqual({ drawn: 0, errors: [] });
    expect(await snapshot()).toEqual(before);
    expect(before.redemptions).toBe(1);
  });

  it("two concurrent runs draw once", async () => {
    const { session, afterClose } = await drawSession(2);
    for (let i = 0; i < 5; i++) await enterDraw({ customerId: await member(1000, `race${i}`), sessionId: session.id });
    const results = await Promise.all([runDraw({ sessionId: session.id, now: afterClose }), runDraw({ sessionId: session.id, now: afterClose })]);
    expect(results.map((r) => r.status).sort()).toEqual(["already_drawn", "drawn"]);
    const [after] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, session.id));
    expect(after.booked).toBe(2);
  });

  it("takes one entry per member, only inside the window and within the reward's gating; the draw waits for the close", async () => {
    await db.insert(tiers).values(DEFAULT_TIERS).onConflictDoNothing();
    const { session, afterClose } = await drawSession(2);
    const c = await member(0, "window");
    const first = await enterDraw({ customerId: c, sessionId: session.id });
    expect(await enterDraw({ customerId: c, sessionId: session.id })).toEqual({ ...first, status: "already_entered" });
    expect(await entriesOf(session.id)).toHaveLength(1);
    await expect(enterDraw({ customerId: await member(0, "late"), sessionId: session.id, now: afterClose })).rejects.toMatchObject({ code: "booking_closed" });
    await expect(enterDraw({ customerId: await member(0, "early"), sessionId: session.id, now: new Date(Date.now() - 2 * HOUR) })).rejects.toMatchObject({ code: "not_available" });
    await expect(runDraw({ sessionId: session.id })).rejects.toMatchObject({ code: "not_available" });

    const gold = await drawSession(2, { minTierId: "gold" });
    await expect(enterDraw({ customerId: await member(0, "bronze"), sessionId: gold.session.id })).rejects.toMatchObject({ code: "tier_locked" });
    const paid = await drawSession(2, { paidMembersOnly: true });
    await expect(enterDraw({ customerId: await member(0, "free"), sessionId: paid.session.id })).rejects.toMatchObject({ code: "members_only" });
    expect(await entriesOf(gold.session.id)).toHaveLength(0);
  });

  it("runDueDraws draws only sessions whose entries have closed", async () => {
    const due = await drawSession(1);
    const notYet = await drawSession(1);
    await db.update(experienceSessions).set({ drawClosesAt: new Date(Date.now() + 10 * HOUR) }).where(eq(experienceSessions.id, notYet.session.id));
    await enterDraw({ customerId: await member(1000, "due"), sessionId: due.session.id });
    const result = await runDueDraws(due.afterClose);
    expect(result.errors).toEqual([]);
    const [a] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, due.session.id));
    const [b] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, notYet.session.id));
    expect(a.drawnAt).not.toBeNull();
    expect(b.drawnAt).toBeNull();
  });

  it("actions: members enter through enterDrawAction; running the draw is refused to members and visitors", async () => {
    const { session } = await drawSession(1);
    const m = await user("member");
    caller = m;
    expect(await enterDrawAction({ sessionId: session.id })).toMatchObject({ ok: true, data: { status: "entered" } });
    expect(await runDrawAction({ sessionId: session.id })).toMatchObject({ ok: false, code: "forbidden" });
    caller = null;
    expect(await enterDrawAction({ sessionId: session.id })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await runDrawAction({ sessionId: session.id })).toMatchObject({ ok: false, code: "unauthenticated" });
    caller = await user("admin");
    // Too early: a clear error, nothing drawn.
    expect(await runDrawAction({ sessionId: session.id })).toMatchObject({ ok: false, code: "failed" });
    const [after] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, session.id));
    expect(after.drawnAt).toBeNull();
  });
});
