import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { createDatabase } from "@/db/client";
import { customers } from "@/db/schema";
import { pointLots, pointPostings } from "@/db/schema";
import { getBalance } from "@/lib/ledger/balances";
import { getOrCreateCustomer } from "@/lib/ledger/customers";
import { InsufficientPointsError } from "@/lib/ledger/errors";
import { checkLedgerInvariants } from "@/lib/ledger/invariants";
import { expireDueLots, releaseDueLots } from "@/lib/ledger/jobs";
import { post } from "@/lib/ledger/post";

const customer = async (name: string) => (await getOrCreateCustomer(`${name}-${crypto.randomUUID().slice(0, 8)}@example.com`)).id;
const earn = (customerId: string, points: number, key = crypto.randomUUID(), extra: object = {}) =>
  post({ kind: "earn", key: `test:${key}`, customerId, points, reason: "purchase", memo: "Purchase", ...extra });
const days = (n: number) => n * 86_400_000;

describe("the points ledger", () => {
  it("posts once per idempotency key, also when the same key arrives concurrently", async () => {
    const c = await customer("idem");
    const results = await Promise.all(Array.from({ length: 5 }, () => earn(c, 100, "same-order")));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.posting.id)).size).toBe(1);
    expect((await getBalance(c)).available).toBe(100);
  });

  it("spends from the lot that expires first and refuses to go below zero", async () => {
    const c = await customer("fifo");
    const now = Date.now();
    await earn(c, 100, undefined, { expiresAt: new Date(now + days(300)) });
    await earn(c, 50, undefined, { expiresAt: new Date(now + days(10)) });
    await earn(c, 30, undefined, { expiresAt: null });
    await post({ kind: "redeem", key: `test:${crypto.randomUUID()}`, customerId: c, points: 70, reason: "redemption", memo: "Reward" });
    const lots = await db.select().from(pointLots).where(eq(pointLots.customerId, c)).orderBy(pointLots.id);
    expect(lots.map((l) => l.remaining)).toEqual([80, 0, 30]);
    await expect(post({ kind: "redeem", key: `test:${crypto.randomUUID()}`, customerId: c, points: 111, reason: "redemption", memo: "Reward" })).rejects.toBeInstanceOf(InsufficientPointsError);
    expect((await getBalance(c)).available).toBe(110);
  });

  it("lets exactly the affordable spends through when 100 arrive at once", async () => {
    const c = await customer("race");
    await earn(c, 1000);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => post({ kind: "redeem", key: `test:race:${c}:${i}`, customerId: c, points: 30, reason: "redemption", memo: "Reward" })),
    );
    const ok = outcomes.filter((o) => o.status === "fulfilled").length;
    expect(ok).toBe(33); // 33 × 30 = 990 ≤ 1000 < 34 × 30
    expect(outcomes.filter((o) => o.status === "rejected").every((o) => (o as PromiseRejectedResult).reason instanceof InsufficientPointsError)).toBe(true);
    const balance = await getBalance(c);
    expect(balance.available).toBe(10);
    expect(balance.lifetimeRedeemed).toBe(990);
    expect(await checkLedgerInvariants()).toEqual([]);
  });

  it("keeps pending points visible but not spendable until their hold ends", async () => {
    const c = await customer("pending");
    const now = new Date();
    await earn(c, 200, undefined, { holdUntil: new Date(now.getTime() + days(14)) });
    expect(await getBalance(c)).toMatchObject({ available: 0, pending: 200 });
    await expect(post({ kind: "redeem", key: `test:${crypto.randomUUID()}`, customerId: c, points: 1, reason: "redemption", memo: "x" })).rejects.toBeInstanceOf(InsufficientPointsError);
    await releaseDueLots(new Date(now.getTime() + days(13)));
    expect((await getBalance(c)).pending).toBe(200);
    await releaseDueLots(new Date(now.getTime() + days(15)));
    expect(await getBalance(c)).toMatchObject({ available: 200, pending: 0 });
  });

  it("turns a reversal of spent points into debt that later earnings pay first", async () => {
    const c = await customer("debt");
    const order = await earn(c, 100);
    await post({ kind: "redeem", key: `test:${crypto.randomUUID()}`, customerId: c, points: 80, reason: "redemption", memo: "Reward" });
    await post({ kind: "reverse", key: `test:${crypto.randomUUID()}`, customerId: c, points: 100, sourcePostingId: order.posting.id, reason: "order_refund", memo: "Order refunded" });
    expect(await getBalance(c)).toMatchObject({ available: 0, debt: 80 });
    await earn(c, 50);
    expect(await getBalance(c)).toMatchObject({ available: 0, debt: 30 });
    await earn(c, 50);
    expect(await getBalance(c)).toMatchObject({ available: 20, debt: 0 });
    expect(await checkLedgerInvariants()).toEqual([]);
  });

  it("expires what is left of a lot, once", async () => {
    const c = await customer("expiry");
    const now = Date.now();
    await earn(c, 100, undefined, { expiresAt: new Date(now + days(1)) });
    await post({ kind: "redeem", key: `test:${crypto.randomUUID()}`, customerId: c, points: 40, reason: "redemption", memo: "Reward" });
    await expireDueLots(new Date(now + days(2)));
    await expireDueLots(new Date(now + days(3)));
    const [lot] = await db.select().from(pointLots).where(eq(pointLots.customerId, c));
    expect(lot).toMatchObject({ remaining: 0, expired: 60, redeemed: 40, state: "closed" });
    expect((await getBalance(c)).available).toBe(0);
  });

  it("refuses to update or delete postings, and refuses an unbalanced posting", async () => {
    const c = await customer("append");
    const { posting } = await earn(c, 10);
    await expect(db.update(pointPostings).set({ memo: "changed" }).where(eq(pointPostings.id, posting.id))).rejects.toThrow();
    await expect(db.delete(pointPostings).where(eq(pointPostings.id, posting.id))).rejects.toThrow();
    await expect(db.execute(sql`update point_entries set amount = amount + 1 where posting_id = ${posting.id}`)).rejects.toThrow();
    await expect(
      db.transaction(async (tx) => {
        const [p] = await tx.insert(pointPostings).values({ key: `test:bad:${c}`, kind: "adjust", customerId: c, reason: "x", memo: "x", points: 5 }).returning();
        await tx.execute(sql`insert into point_entries (posting_id, account, customer_id, amount) values (${p.id}, 'member_available', ${c}, 5)`);
      }),
    ).rejects.toThrow();
    await expect(db.execute(sql`update point_balances set available = -1 where customer_id = ${c}`)).rejects.toThrow();
  });

  // PGlite migrates in WASM on this process's thread: on a busy shared machine that alone took 15–30 s.
  it("runs the same code on the embedded PGlite", { timeout: 90_000 }, async () => {
    const pglite = await createDatabase({ driver: "pglite", dir: "memory://" });
    try {
      await pglite.migrate();
      const [c] = await pglite.db.insert(customers).values({ email: "embedded@example.com" }).returning();
      await post({ kind: "earn", key: "embedded:1", customerId: c.id, points: 120, reason: "purchase", memo: "Purchase" }, pglite.db);
      const again = await post({ kind: "earn", key: "embedded:1", customerId: c.id, points: 120, reason: "purchase", memo: "Purchase" }, pglite.db);
      expect(again.created).toBe(false);
      await post({ kind: "redeem", key: "embedded:2", customerId: c.id, points: 20, reason: "redemption", memo: "Reward" }, pglite.db);
      expect(await getBalance(c.id, pglite.db)).toMatchObject({ available: 100, lifetimeEarned: 120, lifetimeRedeemed: 20 });
      expect(await checkLedgerInvariants(pglite.db)).toEqual([]);
    } finally {
      await pglite.close();
    }
  });
});
