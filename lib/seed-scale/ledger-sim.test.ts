import { describe, expect, it } from "vitest";
import { CustomerLedger, LedgerBook, SimLedgerError } from "./ledger-sim";

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);
const at = (days: number) => T0 + days * DAY;
const common = (key: string, days: number) => ({ key, reason: "test", memo: "test", at: at(days) });

function setup() {
  const book = new LedgerBook();
  const ledger = new CustomerLedger(book, "c1", 12);
  /** Every posting balances, and the balance equals its entries and its lots (checkLedgerInvariants' rules). */
  const check = () => {
    const byPosting = new Map<number, number>();
    for (const e of book.entries) byPosting.set(e.postingId, (byPosting.get(e.postingId) ?? 0) + e.amount);
    expect([...byPosting.values()].every((sum) => sum === 0)).toBe(true);
    const sum = (account: string) => book.entries.filter((e) => e.account === account).reduce((s, e) => s + e.amount, 0);
    expect(sum("member_available")).toBe(ledger.available);
    expect(sum("member_pending")).toBe(ledger.pending);
    expect(0 - sum("member_debt")).toBe(ledger.debt);
    expect(book.lots.filter((l) => l.state === "available").reduce((s, l) => s + l.remaining, 0)).toBe(ledger.available);
    expect(book.lots.filter((l) => l.state === "pending").reduce((s, l) => s + l.remaining, 0)).toBe(ledger.pending);
  };
  return { book, ledger, check };
}

describe("the scale seed's ledger simulator (lib/ledger/post.ts rules)", () => {
  it("spends the lot that expires first, and expiry takes what is left", () => {
    const { book, ledger, check } = setup();
    ledger.credit("earn", { ...common("a", 0), points: 300 });
    ledger.credit("earn", { ...common("b", 10), points: 200 });
    ledger.spend("redeem", { ...common("r", 20), points: 350 });
    // 300 from the first lot (expires first), 50 from the second
    expect(book.lots.map((l) => [l.remaining, l.redeemed, l.state])).toEqual([[0, 300, "closed"], [150, 50, "available"]]);
    ledger.runJobs(at(400), (due) => due);
    expect(book.lots[1]).toMatchObject({ remaining: 0, expired: 150, state: "closed" });
    expect(book.postings.at(-1)).toMatchObject({ kind: "expire", points: -150, key: "expire:", keyLot: 1 });
    expect(ledger).toMatchObject({ available: 0, lifetimeEarned: 500, lifetimeRedeemed: 350 });
    check();
  });

  it("turns a reversal beyond the available points into debt, which the next earning pays first", () => {
    const { book, ledger, check } = setup();
    const order = ledger.credit("earn", { ...common("order", 0), points: 100 });
    ledger.spend("redeem", { ...common("r", 1), points: 80 });
    ledger.reverse({ ...common("refund", 2), points: 100, sourcePostingId: order.id });
    // 20 left in the lot, 80 already spent → debt 80
    expect(ledger).toMatchObject({ available: 0, debt: 80 });
    expect(book.postings.at(-1)).toMatchObject({ kind: "reverse", points: -100 });
    ledger.credit("earn", { ...common("next", 3), points: 50 });
    expect(ledger).toMatchObject({ available: 0, debt: 30 });
    ledger.credit("earn", { ...common("more", 4), points: 50 });
    expect(ledger).toMatchObject({ available: 20, debt: 0 });
    expect(book.lots.at(-1)).toMatchObject({ points: 20, remaining: 20 });
    check();
  });

  it("keeps held points pending until the nightly job releases them, and voids them inside the hold", () => {
    const { book, ledger, check } = setup();
    ledger.credit("earn", { ...common("held", 0), points: 1000, holdUntil: at(14) });
    expect(ledger).toMatchObject({ available: 0, pending: 1000 });
    ledger.credit("earn", { ...common("held2", 1), points: 500, holdUntil: at(15) });
    ledger.void(book.lots[1], common("void", 2));
    ledger.runJobs(at(20), (due) => due);
    expect(ledger).toMatchObject({ available: 1000, pending: 0 });
    expect(book.postings.map((p) => p.kind)).toEqual(["earn", "earn", "void", "release"]);
    check();
  });

  it("refuses what post() refuses", () => {
    const { ledger } = setup();
    expect(() => ledger.spend("redeem", { ...common("r", 0), points: 1 })).toThrow(SimLedgerError);
    ledger.credit("earn", { ...common("a", 5), points: 10 });
    expect(() => ledger.credit("earn", { ...common("b", 1), points: 10 })).toThrow(/out of order/);
    expect(() => ledger.credit("earn", { ...common("c", 6), points: 0 })).toThrow(/positive/);
  });
});
