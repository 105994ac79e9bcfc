import { addDays, addMinutes } from "date-fns";
import { describe, expect, it } from "vitest";
import { getOrCreateCustomer } from "@/lib/ledger/customers";
import { getExpiringPoints, historyQuerySchema, listPointHistory } from "@/lib/ledger/history";
import { expireDueLots, releaseDueLots } from "@/lib/ledger/jobs";
import { post } from "@/lib/ledger/post";

const newCustomer = async (name: string) => (await getOrCreateCustomer(`${name}-${crypto.randomUUID().slice(0, 8)}@example.com`)).id;
const key = () => `test:${crypto.randomUUID()}`;

/**
 * 30 purchases a minute apart, then 3 redemptions, a cancelled redemption, an expiry, an adjustment,
 * a pending purchase and the release of another: 39 lines in "all" (the release is not a line).
 */
async function busyMember() {
  const c = await newCustomer("busy");
  const t0 = new Date("2026-01-01T10:00:00Z");
  let t = t0;
  const at = () => (t = addMinutes(t, 1));
  for (let i = 1; i <= 30; i++) await post({ kind: "earn", key: key(), customerId: c, points: 10 * i, reason: "purchase", memo: `Purchase #${i}`, at: at(), expiresAt: null });
  for (let i = 1; i <= 3; i++) await post({ kind: "redeem", key: key(), customerId: c, points: 20, reason: "redemption", memo: `Reward ${i}`, at: at() });
  await post({ kind: "refund", key: key(), customerId: c, points: 20, reason: "redemption_cancelled", memo: "Reward 3 cancelled", at: at() });
  const expiring = await post({ kind: "earn", key: key(), customerId: c, points: 5, reason: "review", memo: "Product review", at: at(), expiresAt: addMinutes(t, 1) });
  await expireDueLots(addMinutes(t, 2));
  at();
  at();
  await post({ kind: "adjust", key: key(), customerId: c, points: -15, reason: "admin_adjustment", memo: "Correction", at: at() });
  await post({ kind: "earn", key: key(), customerId: c, points: 40, reason: "purchase", memo: "Released purchase", at: at(), holdUntil: addMinutes(t, 5) });
  await releaseDueLots(addMinutes(t, 10));
  await post({ kind: "earn", key: key(), customerId: c, points: 70, reason: "purchase", memo: "Purchase on hold", at: at(), holdUntil: addDays(new Date(), 14) });
  return { c, expiring };
}

describe("the member's points history", () => {
  it("pages 25 at a time, newest first, and clamps a page past the end", async () => {
    const { c } = await busyMember();
    const first = await listPointHistory(c, { filter: "all", page: 1 });
    expect(first).toMatchObject({ total: 39, pageCount: 2, page: 1, pageSize: 25 });
    expect(first.items).toHaveLength(25);
    expect(first.items[0]).toMatchObject({ memo: "Purchase on hold", points: 70, pending: true });
    expect(first.items[1]).toMatchObject({ memo: "Released purchase", points: 40, pending: false });
    expect(first.items.some((i) => i.kind === "release")).toBe(false);
    const second = await listPointHistory(c, { filter: "all", page: 2 });
    expect(second.items).toHaveLength(14);
    expect(second.items.at(-1)).toMatchObject({ memo: "Purchase #1", points: 10 });
    const ids = new Set([...first.items, ...second.items].map((i) => i.id));
    expect(ids.size).toBe(39);
    expect(await listPointHistory(c, { page: 99 })).toMatchObject({ page: 2, items: second.items });
  });

  it("filters earned, spent, expired and adjustments", async () => {
    const { c } = await busyMember();
    const lines = async (filter: "earned" | "spent" | "expired" | "adjustments") => (await listPointHistory(c, { filter, page: 1 }, 100)).items.map((i) => [i.memo, i.points]);
    expect((await lines("earned")).length).toBe(33);
    expect(await lines("spent")).toEqual([
      ["Reward 3 cancelled", 20],
      ["Reward 3", -20],
      ["Reward 2", -20],
      ["Reward 1", -20],
    ]);
    expect(await lines("expired")).toEqual([["Points expired", -5]]);
    expect(await lines("adjustments")).toEqual([["Correction", -15]]);
  });

  it("is empty for a new member, and never shows another member's lines", async () => {
    await busyMember();
    const c = await newCustomer("new");
    expect(await listPointHistory(c, { filter: "all", page: 3 })).toMatchObject({ items: [], total: 0, page: 1, pageCount: 1 });
  });

  it("reads the page and filter from the query string, falling back on anything else", () => {
    const parse = (q: Record<string, unknown>) => historyQuerySchema.parse(q);
    expect(parse({})).toEqual({ filter: "all", page: 1 });
    expect(parse({ filter: "spent", page: "2" })).toEqual({ filter: "spent", page: 2 });
    for (const page of ["0", "-1", "1.5", "abc", ["1", "2"], "1e99"]) expect(parse({ page }).page).toBe(1);
    for (const filter of ["bogus", "ALL", ["earned", "spent"]]) expect(parse({ filter }).filter).toBe("all");
  });

  it("sums the points expiring in the next 30 days", async () => {
    const c = await newCustomer("soon");
    const now = new Date();
    await post({ kind: "earn", key: key(), customerId: c, points: 100, reason: "purchase", memo: "A", expiresAt: addDays(now, 10) });
    await post({ kind: "earn", key: key(), customerId: c, points: 50, reason: "purchase", memo: "B", expiresAt: addDays(now, 29) });
    await post({ kind: "earn", key: key(), customerId: c, points: 70, reason: "purchase", memo: "C", expiresAt: addDays(now, 31) });
    await post({ kind: "redeem", key: key(), customerId: c, points: 30, reason: "redemption", memo: "Reward" });
    const soon = await getExpiringPoints(c, { now });
    expect(soon.points).toBe(120);
    expect(soon.firstDate?.getTime()).toBe(addDays(now, 10).getTime());
    expect(await getExpiringPoints(await newCustomer("none"), { now })).toEqual({ points: 0, firstDate: null });
  });
});
