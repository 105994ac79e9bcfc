import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { pointLots, pointPostings, type LedgerAccount, type PointBalance, type PointLot, type PointPosting, type PostingKind } from "@/db/schema";
import { InsufficientPointsError, LedgerError } from "./errors";
import { expiryFor, getPointsPolicy } from "./policy";

/**
 * The one way points change (DESIGN invariants 1–3). A posting has a unique idempotency key: the
 * same key twice gives one posting, and the second call returns the first. It locks the member's
 * balance row, so concurrent postings for one member run one at a time, and the database refuses a
 * negative balance whatever happens here.
 */

type Common = {
  /** order:<integration>:<id>, stripe:<invoice id>, redemption:<id>, referral:<id>, … */
  key: string;
  customerId: string;
  /** Machine reason: purchase, signup, redemption, order_refund, expiry, admin_adjustment, … */
  reason: string;
  /** The words the member reads in their history. */
  memo: string;
  actorId?: string | null;
  metadata?: Record<string, unknown>;
  /** Defaults to now; tests and imports of past orders set it. */
  at?: Date;
};

export type PostInput =
  /** Points issued. With `holdUntil` in the future they stay pending (visible, not spendable) until then. */
  | (Common & { kind: "earn"; points: number; holdUntil?: Date | null; expiresAt?: Date | null })
  /** Points spent on a reward, drawn from the lots that expire first. */
  | (Common & { kind: "redeem"; points: number })
  /** A redemption cancelled: the points come back as a new lot. */
  | (Common & { kind: "refund"; points: number })
  /**
   * Earned points taken back (an order refunded): pending points of the source posting first, then
   * available points; what the member already spent becomes debt that future earnings pay first.
   */
  | (Common & { kind: "reverse"; points: number; sourcePostingId?: number })
  /** A pending lot becomes spendable. */
  | (Common & { kind: "release"; lotId: number })
  /** A pending lot is cancelled before it became spendable (e.g. refund inside the hold). */
  | (Common & { kind: "void"; lotId: number; points?: number })
  /** What is left of a lot expires. */
  | (Common & { kind: "expire"; lotId: number })
  /** An admin's correction, positive or negative (never below zero available). */
  | (Common & { kind: "adjust"; points: number; expiresAt?: Date | null });

export type PostResult = { posting: PointPosting; created: boolean };

type Entry = { account: LedgerAccount; amount: number; lotId?: number | null };

type Plan = {
  entries: Entry[];
  /** Lot changes to write after the posting exists. */
  lotUpdates: { lot: PointLot; take: number; as: "redeemed" | "expired" | "reversed" | "released" | "voided"; releaseKeep?: number }[];
  newLot?: { points: number; state: "pending" | "available"; availableAt: Date | null; expiresAt: Date | null };
  balance: { available: number; pending: number; debt: number; earned: number; redeemed: number };
};

const isMember = (account: LedgerAccount) => account.startsWith("member_");

function assertPoints(points: number, label = "points") {
  if (!Number.isSafeInteger(points) || points <= 0) throw new LedgerError(`${label} must be a positive whole number, got ${points}`);
}

/** Posts inside the caller's transaction (redemptions lock the balance, take a seat and post in one). */
export async function postIn(tx: Tx, input: PostInput): Promise<PostResult> {
  if (!input.key || input.key.length > 200) throw new LedgerError("A posting needs an idempotency key of at most 200 characters");
  const balance = await lockBalance(tx, input.customerId);
  const at = input.at ?? new Date();
  const plan = await planPosting(tx, input, balance, at);
  const memberNet = plan.entries.filter((e) => isMember(e.account)).reduce((sum, e) => sum + e.amount, 0);

  // Under the balance lock a concurrent duplicate has committed, so the key conflict is final:
  // the second call returns the first posting and writes nothing. The hot path writes with plain
  // SQL templates: the query builder's per-statement cost showed in bench:ledger.
  const inserted = rowsOf<PostingRow>(
    await tx.execute(sql`
      insert into point_postings (key, kind, customer_id, actor_id, reason, memo, points, metadata, created_at)
      values (${input.key}, ${input.kind}, ${input.customerId}, ${input.actorId ?? null}, ${input.reason}, ${input.memo}, ${memberNet}, ${JSON.stringify(input.metadata ?? {})}::jsonb, ${at.toISOString()})
      on conflict (key) do nothing
      returning *`),
  );
  if (!inserted.length) {
    const [existing] = await tx.select().from(pointPostings).where(eq(pointPostings.key, input.key));
    if (existing.customerId !== input.customerId || existing.kind !== input.kind) {
      throw new LedgerError(`Idempotency key ${input.key} was already used for a different posting`);
    }
    return { posting: existing, created: false };
  }
  const posting = toPosting(inserted[0]);

  let newLotId: number | null = null;
  if (plan.newLot) {
    const [lot] = rowsOf<{ id: number | string }>(
      await tx.execute(sql`
        insert into point_lots (customer_id, posting_id, points, remaining, state, earned_at, available_at, expires_at)
        values (${input.customerId}, ${posting.id}, ${plan.newLot.points}, ${plan.newLot.points}, ${plan.newLot.state}, ${at.toISOString()}, ${plan.newLot.availableAt?.toISOString() ?? null}, ${plan.newLot.expiresAt?.toISOString() ?? null})
        returning id`),
    );
    newLotId = Number(lot.id);
  }

  for (const u of plan.lotUpdates) {
    const remaining = u.as === "released" ? (u.releaseKeep ?? u.lot.remaining) : u.lot.remaining - u.take;
    const state = u.as === "released" ? (remaining > 0 ? "available" : "closed") : remaining === 0 ? "closed" : u.lot.state;
    await tx
      .update(pointLots)
      .set({
        remaining,
        state,
        closedAt: state === "closed" ? at : null,
        ...(u.as === "redeemed" ? { redeemed: sql`${pointLots.redeemed} + ${u.take}` } : {}),
        ...(u.as === "expired" ? { expired: sql`${pointLots.expired} + ${u.take}` } : {}),
      })
      .where(eq(pointLots.id, u.lot.id));
  }

  const entryRows = plan.entries.map(
    (e) => sql`(${posting.id}, ${e.account}::ledger_account, ${isMember(e.account) ? input.customerId : null}::uuid, ${e.lotId === undefined ? (isMember(e.account) ? newLotId : null) : e.lotId}::integer, ${e.amount}, ${at.toISOString()})`,
  );
  await tx.execute(sql`insert into point_entries (posting_id, account, customer_id, lot_id, amount, created_at) values ${sql.join(entryRows, sql`, `)}`);

  const b = plan.balance;
  await tx.execute(sql`
    update point_balances set available = available + ${b.available}, pending = pending + ${b.pending}, debt = debt + ${b.debt},
      lifetime_earned = lifetime_earned + ${b.earned}, lifetime_redeemed = lifetime_redeemed + ${b.redeemed}, updated_at = now()
    where customer_id = ${input.customerId}`);

  return { posting, created: true };
}

/** Posts in its own transaction, retrying serialization failures and deadlocks (40001, 40P01). */
export async function post(input: PostInput, conn: Db = db): Promise<PostResult> {
  return withLedgerRetry(() => conn.transaction((tx) => postIn(tx, input)));
}

export async function withLedgerRetry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
      if (attempt >= attempts || (code !== "40001" && code !== "40P01")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}

/**
 * Creates the member's balance row if needed and locks it for this transaction, in one statement:
 * an upsert that touches the row takes its row lock, as SELECT … FOR UPDATE would.
 */
export async function lockBalance(tx: Tx, customerId: string): Promise<PointBalance> {
  const [row] = rowsOf<{ available: number; pending: number; debt: number; lifetime_earned: number; lifetime_redeemed: number; updated_at: string | Date }>(
    await tx.execute(sql`
      insert into point_balances (customer_id) values (${customerId})
      on conflict (customer_id) do update set customer_id = excluded.customer_id
      returning available, pending, debt, lifetime_earned, lifetime_redeemed, updated_at`),
  );
  return {
    customerId,
    available: Number(row.available),
    pending: Number(row.pending),
    debt: Number(row.debt),
    lifetimeEarned: Number(row.lifetime_earned),
    lifetimeRedeemed: Number(row.lifetime_redeemed),
    updatedAt: new Date(row.updated_at),
  };
}

type PostingRow = { id: number | string; key: string; kind: PostingKind; customer_id: string; actor_id: string | null; reason: string; memo: string; points: number; metadata: unknown; created_at: string | Date };

/** Rows of tx.execute(): node-postgres and Neon return { rows }, PGlite returns { rows } too. */
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

function toPosting(row: PostingRow): PointPosting {
  return {
    id: Number(row.id),
    key: row.key,
    kind: row.kind,
    customerId: row.customer_id,
    actorId: row.actor_id,
    reason: row.reason,
    memo: row.memo,
    points: Number(row.points),
    metadata: (typeof row.metadata === "string" ? JSON.parse(row.metadata) : row.metadata) as Record<string, unknown>,
    createdAt: new Date(row.created_at),
  };
}

async function openLots(tx: Tx, customerId: string, state: "available" | "pending"): Promise<PointLot[]> {
  // Soonest expiry first (never-expiring last), then oldest: DESIGN invariant 3.
  return tx
    .select()
    .from(pointLots)
    .where(and(eq(pointLots.customerId, customerId), eq(pointLots.state, state), gt(pointLots.remaining, 0)))
    .orderBy(sql`${pointLots.expiresAt} asc nulls last`, asc(pointLots.earnedAt), asc(pointLots.id))
    .for("update");
}

async function lotOrThrow(tx: Tx, customerId: string, lotId: number): Promise<PointLot> {
  const [lot] = await tx.select().from(pointLots).where(and(eq(pointLots.id, lotId), eq(pointLots.customerId, customerId))).for("update");
  if (!lot) throw new LedgerError(`Lot ${lotId} does not belong to customer ${customerId}`);
  return lot;
}

/** Draws `points` from lots in order; returns the draws (lot, amount). */
function draw(lots: PointLot[], points: number): { lot: PointLot; take: number }[] {
  const draws: { lot: PointLot; take: number }[] = [];
  let left = points;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    draws.push({ lot, take });
    left -= take;
  }
  return draws;
}

/** Crediting available points pays the member's debt first. */
function credit(points: number, balance: PointBalance) {
  const toDebt = Math.min(balance.debt, points);
  return { toDebt, toAvailable: points - toDebt };
}

async function planPosting(tx: Tx, input: PostInput, balance: PointBalance, at: Date): Promise<Plan> {
  const plan: Plan = { entries: [], lotUpdates: [], balance: { available: 0, pending: 0, debt: 0, earned: 0, redeemed: 0 } };
  const policy = () => getPointsPolicy(tx);

  switch (input.kind) {
    case "earn":
    case "refund":
    case "adjust": {
      if (input.kind === "adjust" && input.points < 0) {
        const points = -input.points;
        assertPoints(points);
        if (balance.available < points) throw new InsufficientPointsError(balance.available, points);
        for (const d of draw(await openLots(tx, input.customerId, "available"), points)) {
          plan.entries.push({ account: "member_available", amount: -d.take, lotId: d.lot.id });
          plan.lotUpdates.push({ lot: d.lot, take: d.take, as: "reversed" });
        }
        plan.entries.push({ account: "program_adjusted", amount: points });
        plan.balance.available = -points;
        return plan;
      }
      const points = input.points;
      assertPoints(points);
      const source: LedgerAccount = input.kind === "earn" ? "program_issued" : input.kind === "refund" ? "program_redeemed" : "program_adjusted";
      plan.entries.push({ account: source, amount: -points });
      const expiresAt = "expiresAt" in input && input.expiresAt !== undefined ? input.expiresAt : expiryFor(at, await policy());
      const hold = input.kind === "earn" && input.holdUntil && input.holdUntil > at ? input.holdUntil : null;
      if (hold) {
        plan.entries.push({ account: "member_pending", amount: points });
        plan.newLot = { points, state: "pending", availableAt: hold, expiresAt };
        plan.balance.pending = points;
      } else {
        const { toDebt, toAvailable } = credit(points, balance);
        if (toDebt) plan.entries.push({ account: "member_debt", amount: toDebt, lotId: null });
        if (toAvailable) {
          plan.entries.push({ account: "member_available", amount: toAvailable });
          plan.newLot = { points: toAvailable, state: "available", availableAt: null, expiresAt };
        }
        plan.balance.available = toAvailable;
        plan.balance.debt = -toDebt;
      }
      if (input.kind === "earn" || input.kind === "adjust") plan.balance.earned = points;
      if (input.kind === "refund") plan.balance.redeemed = -points;
      return plan;
    }

    case "redeem": {
      assertPoints(input.points);
      if (balance.available < input.points) throw new InsufficientPointsError(balance.available, input.points);
      for (const d of draw(await openLots(tx, input.customerId, "available"), input.points)) {
        plan.entries.push({ account: "member_available", amount: -d.take, lotId: d.lot.id });
        plan.lotUpdates.push({ lot: d.lot, take: d.take, as: "redeemed" });
      }
      plan.entries.push({ account: "program_redeemed", amount: input.points });
      plan.balance.available = -input.points;
      plan.balance.redeemed = input.points;
      return plan;
    }

    case "reverse": {
      assertPoints(input.points);
      let left = input.points;
      // 1. pending points from the same source posting: void them
      if (input.sourcePostingId) {
        const pending = (await openLots(tx, input.customerId, "pending")).filter((l) => l.postingId === input.sourcePostingId);
        for (const d of draw(pending, left)) {
          plan.entries.push({ account: "member_pending", amount: -d.take, lotId: d.lot.id });
          plan.lotUpdates.push({ lot: d.lot, take: d.take, as: "voided" });
          plan.balance.pending -= d.take;
          left -= d.take;
        }
      }
      // 2. available points: the source's own lot first, then in spending order
      if (left > 0) {
        const available = await openLots(tx, input.customerId, "available");
        const ordered = [...available.filter((l) => l.postingId === input.sourcePostingId), ...available.filter((l) => l.postingId !== input.sourcePostingId)];
        for (const d of draw(ordered, left)) {
          plan.entries.push({ account: "member_available", amount: -d.take, lotId: d.lot.id });
          plan.lotUpdates.push({ lot: d.lot, take: d.take, as: "reversed" });
          plan.balance.available -= d.take;
          left -= d.take;
        }
      }
      // 3. what was already spent becomes debt (never a negative available balance)
      if (left > 0) {
        plan.entries.push({ account: "member_debt", amount: -left, lotId: null });
        plan.balance.debt = left;
      }
      plan.entries.push({ account: "program_reversed", amount: input.points });
      return plan;
    }

    case "release": {
      const lot = await lotOrThrow(tx, input.customerId, input.lotId);
      if (lot.state !== "pending") throw new LedgerError(`Lot ${lot.id} is ${lot.state}, not pending`);
      const { toDebt, toAvailable } = credit(lot.remaining, balance);
      plan.entries.push({ account: "member_pending", amount: -lot.remaining, lotId: lot.id });
      if (toDebt) plan.entries.push({ account: "member_debt", amount: toDebt, lotId: null });
      if (toAvailable) plan.entries.push({ account: "member_available", amount: toAvailable, lotId: lot.id });
      plan.lotUpdates.push({ lot, take: 0, as: "released", releaseKeep: toAvailable });
      plan.balance.pending = -lot.remaining;
      plan.balance.available = toAvailable;
      plan.balance.debt = -toDebt;
      return plan;
    }

    case "void": {
      const lot = await lotOrThrow(tx, input.customerId, input.lotId);
      if (lot.state !== "pending") throw new LedgerError(`Lot ${lot.id} is ${lot.state}, not pending`);
      const points = input.points ?? lot.remaining;
      assertPoints(points);
      if (points > lot.remaining) throw new LedgerError(`Lot ${lot.id} has ${lot.remaining} pending points, not ${points}`);
      plan.entries.push({ account: "member_pending", amount: -points, lotId: lot.id }, { account: "program_reversed", amount: points });
      plan.lotUpdates.push({ lot, take: points, as: "voided" });
      plan.balance.pending = -points;
      return plan;
    }

    case "expire": {
      const lot = await lotOrThrow(tx, input.customerId, input.lotId);
      if (lot.state !== "available" || lot.remaining === 0) throw new LedgerError(`Lot ${lot.id} has nothing left to expire`);
      plan.entries.push({ account: "member_available", amount: -lot.remaining, lotId: lot.id }, { account: "program_expired", amount: lot.remaining });
      plan.lotUpdates.push({ lot, take: lot.remaining, as: "expired" });
      plan.balance.available = -lot.remaining;
      return plan;
    }
  }
}

export type { PostingKind };
