import { addMonths } from "date-fns";
import type { LedgerAccount, PostingKind } from "@/db/schema";

/**
 * An in-memory copy of the ledger's posting rules (lib/ledger/post.ts) for one customer at a time,
 * so the scale seed can write a journal, lots and balances that are exactly what posting every
 * event through post() would have produced — balanced postings, lots drawn soonest-expiry-first,
 * debt paid before available, never a negative balance — without a round trip per posting.
 * checkLedgerInvariants verifies the result in tests/integration/seed-scale.test.ts.
 */

export type SimPosting = {
  /** Local to the batch; the writer adds the block of ids it reserved. */
  id: number;
  key: string;
  /** When set, the key ends with this lot's final id (release:<lot>, expire:<lot>). */
  keyLot: number | null;
  kind: PostingKind;
  customerId: string;
  actorId: string | null;
  reason: string;
  memo: string;
  points: number;
  metadata: Record<string, unknown>;
  at: number;
};

export type SimLot = {
  id: number;
  customerId: string;
  postingId: number;
  points: number;
  remaining: number;
  state: "pending" | "available" | "closed";
  earnedAt: number;
  availableAt: number | null;
  expiresAt: number | null;
  expired: number;
  redeemed: number;
  closedAt: number | null;
};

export type SimEntry = { postingId: number; account: LedgerAccount; customerId: string | null; lotId: number | null; amount: number; at: number };

/** The rows of one batch, with ids local to it. */
export class LedgerBook {
  postings: SimPosting[] = [];
  lots: SimLot[] = [];
  entries: SimEntry[] = [];
}

export type PostingCommon = { key: string; keyLot?: number | null; reason: string; memo: string; at: number; actorId?: string | null; metadata?: Record<string, unknown> };

export class SimLedgerError extends Error {}

const isMember = (account: LedgerAccount) => account.startsWith("member_");

/** Soonest expiry first (never-expiring last), then oldest, then id — post.ts's openLots order. */
function spendingOrder(a: SimLot, b: SimLot): number {
  const ea = a.expiresAt ?? Infinity;
  const eb = b.expiresAt ?? Infinity;
  return ea - eb || a.earnedAt - b.earnedAt || a.id - b.id;
}

export class CustomerLedger {
  available = 0;
  pending = 0;
  debt = 0;
  lifetimeEarned = 0;
  lifetimeRedeemed = 0;
  lastAt = 0;
  /** Lots not closed, in creation order. */
  open: SimLot[] = [];
  /** Earn, reverse and void postings (what a points-based tier counts). */
  qualifying: { at: number; points: number }[] = [];

  constructor(
    private readonly book: LedgerBook,
    readonly customerId: string,
    private readonly expiryMonths: number | null,
  ) {}

  expiryFor(at: number): number | null {
    return this.expiryMonths === null ? null : addMonths(new Date(at), this.expiryMonths).getTime();
  }

  private lotsIn(state: "available" | "pending"): SimLot[] {
    return this.open.filter((l) => l.state === state && l.remaining > 0).sort(spendingOrder);
  }

  private write(input: PostingCommon, kind: PostingKind, entries: { account: LedgerAccount; amount: number; lotId: number | null }[], newLot?: Omit<SimLot, "id" | "customerId" | "postingId" | "remaining" | "expired" | "redeemed" | "closedAt">): SimPosting {
    if (input.at < this.lastAt) throw new SimLedgerError(`postings of ${this.customerId} out of order: ${input.key}`);
    this.lastAt = input.at;
    const memberNet = entries.filter((e) => isMember(e.account)).reduce((sum, e) => sum + e.amount, 0);
    const posting: SimPosting = {
      id: this.book.postings.length,
      key: input.key,
      keyLot: input.keyLot ?? null,
      kind,
      customerId: this.customerId,
      actorId: input.actorId ?? null,
      reason: input.reason,
      memo: input.memo,
      points: memberNet,
      metadata: input.metadata ?? {},
      at: input.at,
    };
    this.book.postings.push(posting);
    let lotId: number | null = null;
    if (newLot) {
      const lot: SimLot = { ...newLot, id: this.book.lots.length, customerId: this.customerId, postingId: posting.id, remaining: newLot.points, expired: 0, redeemed: 0, closedAt: null };
      this.book.lots.push(lot);
      this.open.push(lot);
      lotId = lot.id;
    }
    for (const e of entries) {
      // a member entry without a lot of its own belongs to the new lot (as post.ts does); debt has none
      const lot = e.lotId ?? (isMember(e.account) && e.account !== "member_debt" ? lotId : null);
      this.book.entries.push({ postingId: posting.id, account: e.account, customerId: isMember(e.account) ? this.customerId : null, lotId: lot, amount: e.amount, at: input.at });
    }
    if (kind === "earn" || kind === "reverse" || kind === "void") this.qualifying.push({ at: input.at, points: memberNet });
    return posting;
  }

  private take(lot: SimLot, take: number, as: "redeemed" | "expired" | "reversed" | "voided", at: number) {
    lot.remaining -= take;
    if (as === "redeemed") lot.redeemed += take;
    if (as === "expired") lot.expired += take;
    if (lot.remaining === 0) this.close(lot, at);
  }

  private close(lot: SimLot, at: number) {
    lot.state = "closed";
    lot.closedAt = at;
    this.open = this.open.filter((l) => l !== lot);
  }

  /** Draws `points` from lots in spending order: [lot, amount] pairs. */
  private draw(lots: SimLot[], points: number): [SimLot, number][] {
    const draws: [SimLot, number][] = [];
    let left = points;
    for (const lot of lots) {
      if (left === 0) break;
      const take = Math.min(lot.remaining, left);
      draws.push([lot, take]);
      left -= take;
    }
    return draws;
  }

  /** Points issued (earn), returned (refund) or granted by an admin (adjust > 0); pending while held. */
  credit(kind: "earn" | "refund" | "adjust", input: PostingCommon & { points: number; holdUntil?: number | null; expiresAt?: number | null }): SimPosting {
    const points = input.points;
    if (!Number.isSafeInteger(points) || points <= 0) throw new SimLedgerError(`points must be positive, got ${points}`);
    const source: LedgerAccount = kind === "earn" ? "program_issued" : kind === "refund" ? "program_redeemed" : "program_adjusted";
    const expiresAt = input.expiresAt !== undefined ? input.expiresAt : this.expiryFor(input.at);
    const entries: { account: LedgerAccount; amount: number; lotId: number | null }[] = [{ account: source, amount: -points, lotId: null }];
    const hold = kind === "earn" && input.holdUntil && input.holdUntil > input.at ? input.holdUntil : null;
    let posting: SimPosting;
    if (hold) {
      entries.push({ account: "member_pending", amount: points, lotId: null });
      posting = this.write(input, kind, entries, { points, state: "pending", earnedAt: input.at, availableAt: hold, expiresAt });
      this.pending += points;
    } else {
      const toDebt = Math.min(this.debt, points);
      const toAvailable = points - toDebt;
      if (toDebt) entries.push({ account: "member_debt", amount: toDebt, lotId: null });
      if (toAvailable) entries.push({ account: "member_available", amount: toAvailable, lotId: null });
      posting = this.write(input, kind, entries, toAvailable ? { points: toAvailable, state: "available", earnedAt: input.at, availableAt: null, expiresAt } : undefined);
      this.available += toAvailable;
      this.debt -= toDebt;
    }
    if (kind === "earn" || kind === "adjust") this.lifetimeEarned += points;
    if (kind === "refund") this.lifetimeRedeemed -= points;
    return posting;
  }

  /** Points spent (redeem) or taken back by an admin (adjust < 0), soonest-expiring lots first. */
  spend(kind: "redeem" | "adjust", input: PostingCommon & { points: number }): SimPosting {
    const points = input.points;
    if (!Number.isSafeInteger(points) || points <= 0) throw new SimLedgerError(`points must be positive, got ${points}`);
    if (this.available < points) throw new SimLedgerError(`${this.customerId} has ${this.available} points, not ${points}`);
    const draws = this.draw(this.lotsIn("available"), points);
    const entries = draws.map(([lot, take]) => ({ account: "member_available" as const, amount: -take, lotId: lot.id }));
    entries.push({ account: kind === "redeem" ? "program_redeemed" : "program_adjusted", amount: points, lotId: null } as never);
    const posting = this.write(input, kind, entries);
    for (const [lot, take] of draws) this.take(lot, take, kind === "redeem" ? "redeemed" : "reversed", input.at);
    this.available -= points;
    if (kind === "redeem") this.lifetimeRedeemed += points;
    return posting;
  }

  /** Earned points taken back: the source's pending points, then available (its own lot first), then debt. */
  reverse(input: PostingCommon & { points: number; sourcePostingId?: number }): SimPosting {
    let left = input.points;
    const entries: { account: LedgerAccount; amount: number; lotId: number | null }[] = [];
    const updates: [SimLot, number][] = [];
    if (input.sourcePostingId !== undefined) {
      for (const [lot, take] of this.draw(this.lotsIn("pending").filter((l) => l.postingId === input.sourcePostingId), left)) {
        entries.push({ account: "member_pending", amount: -take, lotId: lot.id });
        updates.push([lot, take]);
        this.pending -= take;
        left -= take;
      }
    }
    if (left > 0) {
      const available = this.lotsIn("available");
      const ordered = [...available.filter((l) => l.postingId === input.sourcePostingId), ...available.filter((l) => l.postingId !== input.sourcePostingId)];
      for (const [lot, take] of this.draw(ordered, left)) {
        entries.push({ account: "member_available", amount: -take, lotId: lot.id });
        updates.push([lot, take]);
        this.available -= take;
        left -= take;
      }
    }
    if (left > 0) {
      entries.push({ account: "member_debt", amount: -left, lotId: null });
      this.debt += left;
    }
    entries.push({ account: "program_reversed", amount: input.points, lotId: null });
    const posting = this.write(input, "reverse", entries);
    for (const [lot, take] of updates) this.take(lot, take, lot.state === "pending" ? "voided" : "reversed", input.at);
    return posting;
  }

  /** A pending lot becomes spendable (what the member owes is paid first). */
  release(lot: SimLot, input: Omit<PostingCommon, "key" | "keyLot">): SimPosting {
    if (lot.state !== "pending") throw new SimLedgerError(`lot ${lot.id} is ${lot.state}`);
    const toDebt = Math.min(this.debt, lot.remaining);
    const toAvailable = lot.remaining - toDebt;
    const entries: { account: LedgerAccount; amount: number; lotId: number | null }[] = [{ account: "member_pending", amount: -lot.remaining, lotId: lot.id }];
    if (toDebt) entries.push({ account: "member_debt", amount: toDebt, lotId: null });
    if (toAvailable) entries.push({ account: "member_available", amount: toAvailable, lotId: lot.id });
    const posting = this.write({ ...input, key: "release:", keyLot: lot.id }, "release", entries);
    this.pending -= lot.remaining;
    this.available += toAvailable;
    this.debt -= toDebt;
    lot.remaining = toAvailable;
    if (toAvailable > 0) lot.state = "available";
    else this.close(lot, input.at);
    return posting;
  }

  /** A pending lot cancelled before it became spendable. */
  void(lot: SimLot, input: PostingCommon): SimPosting {
    if (lot.state !== "pending") throw new SimLedgerError(`lot ${lot.id} is ${lot.state}`);
    const points = lot.remaining;
    const posting = this.write(input, "void", [
      { account: "member_pending", amount: -points, lotId: lot.id },
      { account: "program_reversed", amount: points, lotId: null },
    ]);
    this.pending -= points;
    this.take(lot, points, "voided", input.at);
    return posting;
  }

  /** What is left of a lot expires. */
  expire(lot: SimLot, input: Omit<PostingCommon, "key" | "keyLot">): SimPosting {
    if (lot.state !== "available" || lot.remaining === 0) throw new SimLedgerError(`lot ${lot.id} has nothing to expire`);
    const points = lot.remaining;
    const posting = this.write({ ...input, key: "expire:", keyLot: lot.id }, "expire", [
      { account: "member_available", amount: -points, lotId: lot.id },
      { account: "program_expired", amount: points, lotId: null },
    ]);
    this.available -= points;
    this.take(lot, points, "expired", input.at);
    return posting;
  }

  /**
   * The nightly job (lib/cron/daily.ts) up to `until`: at each run that has something due, pending
   * lots whose hold ended are released, then lots past their expiry expire. `runAt` maps a due
   * moment to the job run that handles it.
   */
  runJobs(until: number, runAt: (due: number) => number) {
    for (;;) {
      let next = Infinity;
      for (const lot of this.open) {
        if (lot.state === "pending" && lot.availableAt !== null) next = Math.min(next, runAt(lot.availableAt));
        else if (lot.state === "available" && lot.remaining > 0 && lot.expiresAt !== null) next = Math.min(next, runAt(lot.expiresAt));
      }
      if (next > until) return;
      for (const lot of this.open.filter((l) => l.state === "pending" && l.availableAt !== null && l.availableAt <= next)) {
        this.release(lot, { reason: "hold_ended", memo: "Pending points are now available", at: next });
      }
      for (const lot of this.open.filter((l) => l.state === "available" && l.remaining > 0 && l.expiresAt !== null && l.expiresAt <= next)) {
        this.expire(lot, { reason: "expiry", memo: "Points expired", at: next });
      }
    }
  }

  /** Net qualifying points in [from, to] (earn, reverse, void — lib/tiers/tiers.ts). */
  qualifyingPoints(from: number, to: number): number {
    let sum = 0;
    for (const q of this.qualifying) if (q.at >= from && q.at <= to) sum += q.points;
    return Math.max(0, sum);
  }
}
