import { describe, expect, it } from "vitest";
import { getBalance } from "@/lib/ledger/balances";
import { getOrCreateCustomer } from "@/lib/ledger/customers";
import { InsufficientPointsError, LedgerError } from "@/lib/ledger/errors";
import { checkLedgerInvariants } from "@/lib/ledger/invariants";
import { expireDueLots, releaseDueLots } from "@/lib/ledger/jobs";
import { post, type PostInput } from "@/lib/ledger/post";
import { db } from "@/db";
import { pointLots } from "@/db/schema";
import { and, eq } from "drizzle-orm";
import { checkAccountingInvariants } from "@/lib/accounting/invariants";
import { refreshAccounting } from "@/lib/accounting/views";

/** mulberry32: small, seedable, good enough to drive a property test reproducibly. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.LEDGER_SEED ?? 20261122);
const OPERATIONS = Number(process.env.LEDGER_OPERATIONS ?? 10_000);
const BATCH = 16; // operations run concurrently per batch, against few customers, so they collide
const DAY = 86_400_000;

describe(`ledger property test (seed ${SEED}, replay with LEDGER_SEED=${SEED})`, () => {
  it(`keeps every invariant through ${OPERATIONS} random operations with concurrent duplicates`, { timeout: 600_000 }, async () => {
    const random = rng(SEED);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const customers = await Promise.all(Array.from({ length: 6 }, (_, i) => getOrCreateCustomer(`prop-${SEED}-${i}@example.com`).then((c) => c.id)));
    const earnPostings: { customerId: string; postingId: number }[] = [];
    let clock = Date.now();
    const clockStart = clock;
    let keyCounter = 0;
    const keys: string[] = [];
    const counts: Record<string, number> = {};

    const operation = (): (() => Promise<unknown>) => {
      const customerId = pick(customers);
      const roll = random();
      const fresh = () => `prop:${SEED}:${keyCounter++}`;
      const at = new Date(clock);
      let input: PostInput | null = null;
      if (roll < 0.3) {
        const hold = random() < 0.25 ? new Date(clock + int(1, 20) * DAY) : null;
        input = { kind: "earn", key: fresh(), customerId, points: int(1, 500), holdUntil: hold, expiresAt: random() < 0.15 ? null : new Date(clock + int(5, 400) * DAY), reason: "purchase", memo: "Purchase", at };
      } else if (roll < 0.55) {
        input = { kind: "redeem", key: fresh(), customerId, points: int(1, 400), reason: "redemption", memo: "Reward", at };
      } else if (roll < 0.62) {
        input = { kind: "refund", key: fresh(), customerId, points: int(1, 200), reason: "redemption_cancelled", memo: "Reward cancelled", at };
      } else if (roll < 0.72 && earnPostings.length) {
        const source = pick(earnPostings);
        input = { kind: "reverse", key: fresh(), customerId: source.customerId, points: int(1, 300), sourcePostingId: source.postingId, reason: "order_refund", memo: "Order refunded", at };
      } else if (roll < 0.8) {
        input = { kind: "adjust", key: fresh(), customerId, points: int(-150, 150) || 1, reason: "admin_adjustment", memo: "Adjustment", at };
      } else if (roll < 0.88 && keys.length) {
        // a retry of a committed posting: must change nothing (same key; a different customer or kind is refused)
        const key = pick(keys);
        return async () => {
          const again = await post({ kind: "earn", key, customerId, points: 1, reason: "purchase", memo: "duplicate", at }).catch((e) => e);
          if (!(again instanceof LedgerError) && (again as { created?: boolean }).created) throw new Error(`duplicate key ${key} posted twice`);
        };
      } else if (roll < 0.94) {
        return async () => {
          clock += int(1, 30) * DAY;
        };
      } else if (roll < 0.97) {
        const now = new Date(clock);
        return () => releaseDueLots(now);
      } else {
        const now = new Date(clock);
        return () => expireDueLots(now);
      }
      const chosen = input ?? { kind: "earn" as const, key: fresh(), customerId, points: 10, reason: "purchase", memo: "Purchase", at };
      return async () => {
        counts[chosen.kind] = (counts[chosen.kind] ?? 0) + 1;
        try {
          const result = await post(chosen);
          if (result.created) keys.push(chosen.key);
          if (chosen.kind === "earn" && result.created) earnPostings.push({ customerId: chosen.customerId, postingId: result.posting.id });
        } catch (error) {
          if (!(error instanceof InsufficientPointsError)) throw error;
        }
      };
    };

    for (let done = 0; done < OPERATIONS; done += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, OPERATIONS - done) }, operation);
      // the same operation twice in a batch: a concurrent duplicate delivery
      if (random() < 0.3) batch.push(batch[0]);
      // the accounting rollup's watermark is taken while postings are in flight (no random(): the sequence stays the same)
      if ((done / BATCH) % 25 === 10) batch.push(() => refreshAccounting());
      try {
        await Promise.all(batch.map((run) => run()));
      } catch (error) {
        throw new Error(`seed ${SEED}: failed after ${done} operations: ${(error as Error).message}`);
      }
      if (done % 2000 === 0) expect(await checkLedgerInvariants(), `seed ${SEED}, after ${done} operations`).toEqual([]);
    }

    expect(await checkLedgerInvariants(), `seed ${SEED}`).toEqual([]);
    for (const customerId of customers) {
      const balance = await getBalance(customerId);
      expect(balance.available).toBeGreaterThanOrEqual(0);
      const open = await db.select().from(pointLots).where(and(eq(pointLots.customerId, customerId), eq(pointLots.state, "available")));
      expect(open.reduce((s, l) => s + l.remaining, 0)).toBe(balance.available);
    }
    // the points roll-forward ties out month by month over the whole run (lib/accounting)
    expect(await checkAccountingInvariants({ from: new Date(clockStart - DAY), toExclusive: new Date(clock + DAY) }), `seed ${SEED}`).toEqual([]);
    // the run exercised every kind of posting
    expect(Object.keys(counts).sort()).toEqual(["adjust", "earn", "redeem", "refund", "reverse"]);
  });
});
