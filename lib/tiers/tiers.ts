import "server-only";
import { addDays, addMonths } from "date-fns";
import { and, asc, eq, gte, inArray, isNotNull, lte, ne, or, sql } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { customers, customerTiers, memberships, orders, plans, pointEntries, pointPostings, settings, tierHistory, tiers, type CustomerTier } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import { getLiveMembership, LIVE_STATUSES } from "@/lib/billing/memberships";
import { sendEmail } from "@/lib/email/send-email";
import { TierUpgradeEmail } from "@/lib/email/templates/tier-upgrade";
import { getEnv } from "@/lib/env";
import { withLedgerRetry } from "@/lib/ledger/post";
import { QUALIFYING_MONTHS, qualifiedTierFor, windowStart, type TierInfo } from "./qualify";
import { DEFAULT_TIER_SETTINGS, tierSettingsSchema, type TierMetric, type TierSettings } from "./schemas";

/**
 * Tiers are qualified over a rolling window, never by the current balance: spending points must not
 * cost a member their status. The effective tier is the highest of
 *   - the qualified tier (settings.tiers.metric over the last 12 months),
 *   - the live paid plan's `benefits.minTier`,
 *   - an admin's manual floor until its date,
 * and a drop below the current tier waits `graceDays` (customer_tiers.downgrade_after) before it
 * applies, while a rise applies at once.
 *
 * What counts for the points metric: `earn` postings (purchases, bonuses, referrals — pending ones
 * included), minus `reverse` and `void` postings (earned points taken back by a refund or a failed
 * hold) in the same window. Redemptions, redemption refunds, expiry and admin adjustments (up or
 * down) do not count: adjustments correct a balance, and admins move tiers with the manual floor.
 */

export { QUALIFYING_MONTHS, qualifiedTierFor, windowStart, type TierInfo } from "./qualify";

export type TierChange = { customerId: string; from: string; to: string; direction: "up" | "down"; reason: string; at: Date };

export type TierProgress = {
  /** The tier the member has now (grace and floors included): what the dashboard shows and earning uses. */
  tier: TierInfo;
  /** The tier above it, or null at the top. */
  next: TierInfo | null;
  /** Points earned, or qualifying spend in cents, over the last 12 months. */
  qualifyingValue: number;
  /** How much more qualifying value reaches `next` (0 at the top). */
  needed: number;
  metric: TierMetric;
  /** When the oldest qualifying points (or order) in the window drop out of it, or null if none. */
  by: Date | null;
  /** A downgrade waiting for its grace to pass, or null. */
  downgradeAfter: Date | null;
};

export class TierError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TierError";
  }
}

type Conn = Db | Tx;

export async function getTierSettings(conn: Conn = db): Promise<TierSettings> {
  const [row] = await conn.select().from(settings).where(eq(settings.key, "tiers"));
  // A malformed settings row must not stop earning or the nightly job: fall back to the defaults.
  const parsed = tierSettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : DEFAULT_TIER_SETTINGS;
}

/** All tiers, lowest first. */
export async function listTiers(conn: Conn = db): Promise<TierInfo[]> {
  const rows = await conn.select().from(tiers).orderBy(asc(tiers.sortOrder), asc(tiers.threshold));
  return rows.map((t) => ({ id: t.id, name: t.name, threshold: t.threshold, multiplier: Number(t.multiplier), benefits: t.benefits, sortOrder: t.sortOrder }));
}

function highest(list: (TierInfo | null | undefined)[]): TierInfo {
  return list.filter((t): t is TierInfo => !!t).reduce((a, b) => (b.sortOrder > a.sortOrder ? b : a));
}

/** Qualifying value in the window (never negative) and the date the oldest part of it was earned. */
export async function getQualifyingValue(customerId: string, metric: TierMetric, now: Date, conn: Conn = db): Promise<{ value: number; oldest: Date | null }> {
  const from = windowStart(now);
  if (metric === "spend") {
    // Refunds reduce an order's qualifying cents in proportion to the refunded share of its total;
    // they count against the order's own date, so a refund can't reach outside the window.
    const [row] = await conn
      .select({
        value: sql<number>`coalesce(sum(${orders.qualifyingCents} - case when ${orders.totalCents} > 0 then (${orders.qualifyingCents}::bigint * ${orders.refundedCents}) / ${orders.totalCents} else 0 end), 0)`.mapWith(Number),
        oldest: sql<Date | null>`min(${orders.placedAt}) filter (where ${orders.qualifyingCents} > 0 and ${orders.refundedCents} < ${orders.totalCents})`.mapWith(orders.placedAt),
      })
      .from(orders)
      // orders_customer_idx (customer_id, placed_at)
      .where(and(eq(orders.customerId, customerId), gte(orders.placedAt, from), lte(orders.placedAt, now)));
    return { value: Math.max(0, row?.value ?? 0), oldest: row?.oldest ?? null };
  }
  const [row] = await conn
    .select({
      value: sql<number>`coalesce(sum(${pointPostings.points}), 0)`.mapWith(Number),
      oldest: sql<Date | null>`min(${pointPostings.createdAt}) filter (where ${pointPostings.kind} = 'earn')`.mapWith(pointPostings.createdAt),
    })
    .from(pointPostings)
    // point_postings_customer_idx (customer_id, created_at)
    .where(
      and(eq(pointPostings.customerId, customerId), inArray(pointPostings.kind, ["earn", "reverse", "void"]), gte(pointPostings.createdAt, from), lte(pointPostings.createdAt, now)),
    );
  return { value: Math.max(0, row?.value ?? 0), oldest: row?.oldest ?? null };
}

/** The live paid plan's minimum tier for the customer's user, if any. */
async function planFloorTierId(customerId: string, conn: Conn): Promise<string | null> {
  const [customer] = await conn.select({ userId: customers.userId }).from(customers).where(eq(customers.id, customerId));
  if (!customer?.userId) return null;
  const membership = await getLiveMembership(customer.userId, conn);
  return membership?.plan.benefits.minTier ?? null;
}

type Evaluation = {
  list: TierInfo[];
  settings: TierSettings;
  qualifyingValue: number;
  oldest: Date | null;
  /** What the member qualifies for with floors, ignoring grace: where the tier is heading. */
  target: TierInfo;
  /** The stored tier (the lowest when there is no row yet). */
  current: TierInfo;
};

async function evaluate(conn: Conn, customerId: string, row: CustomerTier | undefined, list: TierInfo[], now: Date): Promise<Evaluation> {
  const byId = (id: string | null | undefined) => list.find((t) => t.id === id) ?? null;
  const settings = await getTierSettings(conn);
  // One after the other: `conn` may be a transaction, which runs one query at a time anyway.
  const { value, oldest } = await getQualifyingValue(customerId, settings.metric, now, conn);
  const planFloor = await planFloorTierId(customerId, conn);
  const manualFloor = row?.manualFloorUntil && row.manualFloorUntil > now ? byId(row.manualFloorTierId) : null;
  const target = highest([qualifiedTierFor(value, list), byId(planFloor), manualFloor]);
  return { list, settings, qualifyingValue: value, oldest, target, current: byId(row?.tierId) ?? list[0] };
}

type Outcome = { change: TierChange | null; graceStarted: boolean };

/**
 * Recomputes inside the caller's transaction, holding the customer's tier row lock, so concurrent
 * recomputes for one customer run one at a time and the second sees the first's result (one
 * upgrade, one history row, one email).
 */
async function recomputeIn(tx: Tx, customerId: string, reason: string, now: Date): Promise<Outcome> {
  const list = await listTiers(tx);
  if (!list.length) return { change: null, graceStarted: false };
  const row = await lockTierRow(tx, customerId, list[0].id);
  const e = await evaluate(tx, customerId, row, list, now);
  const base = { qualifyingValue: e.qualifyingValue, updatedAt: sql`now()` };

  if (e.target.sortOrder >= e.current.sortOrder) {
    const up = e.target.sortOrder > e.current.sortOrder;
    // Reaching the current tier again cancels a pending downgrade.
    await tx.update(customerTiers).set({ ...base, tierId: e.target.id, downgradeAfter: null }).where(eq(customerTiers.customerId, customerId));
    if (!up) return { change: null, graceStarted: false };
    return { change: await recordChange(tx, { customerId, from: e.current.id, to: e.target.id, direction: "up", reason, at: now }), graceStarted: false };
  }

  // Below the current tier: the downgrade waits for its grace, then applies (here or in the nightly job).
  const after = row.downgradeAfter ?? addDays(now, e.settings.graceDays);
  if (after > now) {
    await tx.update(customerTiers).set({ ...base, downgradeAfter: after }).where(eq(customerTiers.customerId, customerId));
    return { change: null, graceStarted: !row.downgradeAfter };
  }
  await tx.update(customerTiers).set({ ...base, tierId: e.target.id, downgradeAfter: null }).where(eq(customerTiers.customerId, customerId));
  return { change: await recordChange(tx, { customerId, from: e.current.id, to: e.target.id, direction: "down", reason: "grace_ended", at: now }), graceStarted: false };
}

async function lockTierRow(tx: Tx, customerId: string, lowestTierId: string): Promise<CustomerTier> {
  // No row yet means the lowest tier; creating it gives concurrent recomputes a row to queue on.
  await tx.insert(customerTiers).values({ customerId, tierId: lowestTierId }).onConflictDoNothing({ target: customerTiers.customerId });
  const [row] = await tx.select().from(customerTiers).where(eq(customerTiers.customerId, customerId)).for("update");
  return row;
}

async function recordChange(tx: Tx, change: TierChange): Promise<TierChange> {
  await tx.insert(tierHistory).values({ customerId: change.customerId, fromTierId: change.from, toTierId: change.to, reason: change.reason, createdAt: change.at });
  return change;
}

async function notifyUpgrade(change: TierChange | null): Promise<void> {
  if (change?.direction !== "up") return;
  const [customer] = await db.select({ email: customers.email, name: customers.name }).from(customers).where(eq(customers.id, change.customerId));
  const [tier] = await db.select().from(tiers).where(eq(tiers.id, change.to));
  if (!customer || !tier) return;
  const multiplier = Number(tier.multiplier);
  await sendEmail({
    to: customer.email,
    subject: `You've reached ${tier.name}`,
    template: "tier-upgrade",
    react: TierUpgradeEmail({
      name: customer.name?.split(" ")[0] ?? null,
      tierName: tier.name,
      multiplier: multiplier > 1 ? `${multiplier}×` : null,
      benefits: tier.benefits,
      dashboardUrl: `${getEnv().APP_URL}/dashboard`,
    }),
  });
}

/**
 * Recomputes a customer's tier after a qualifying event (an order, a refund, a plan change) or in
 * the nightly job. Idempotent: running it again with nothing new changes nothing. Upgrades apply at
 * once and email the member after commit; downgrades start (or finish) the grace period.
 */
export async function recomputeTier(customerId: string, reason: string, now: Date = new Date()): Promise<TierChange | null> {
  const { change } = await withLedgerRetry(() => db.transaction((tx) => recomputeIn(tx, customerId, reason, now)));
  await notifyUpgrade(change);
  return change;
}

/**
 * The points multiplier of the customer's tier now: the stored tier (which holds through a grace
 * period), or higher if a floor or the window already says so. 1 for the lowest tier or no tiers.
 */
export async function getTierMultiplier(customerId: string, conn: Db | Tx = db): Promise<number> {
  const list = await listTiers(conn);
  if (!list.length) return 1;
  const [row] = await conn.select().from(customerTiers).where(eq(customerTiers.customerId, customerId));
  const e = await evaluate(conn, customerId, row, list, new Date());
  return highest([e.current, e.target]).multiplier;
}

/** The dashboard's tier line: tier, next tier, how much more, and by when the window moves. */
export async function tierProgress(customerId: string, now: Date = new Date(), conn: Conn = db): Promise<TierProgress | null> {
  const list = await listTiers(conn);
  if (!list.length) return null;
  const [row] = await conn.select().from(customerTiers).where(eq(customerTiers.customerId, customerId));
  const e = await evaluate(conn, customerId, row, list, now);
  const tier = highest([e.current, e.target]);
  const next = list.find((t) => t.sortOrder > tier.sortOrder) ?? null;
  return {
    tier,
    next,
    qualifyingValue: e.qualifyingValue,
    needed: next ? Math.max(0, next.threshold - e.qualifyingValue) : 0,
    metric: e.settings.metric,
    by: e.oldest ? addMonths(e.oldest, QUALIFYING_MONTHS) : null,
    downgradeAfter: e.target.sortOrder < tier.sortOrder ? (row?.downgradeAfter ?? null) : null,
  };
}

/**
 * An admin keeps a customer at (at least) a tier until a date; `tierId` null clears the floor.
 * Audited in the same transaction; the tier is recomputed in it too, so a higher floor applies at once.
 */
export async function setManualFloor(customerId: string, tierId: string | null, until: Date | null, actorId: string | null, reason: string, now: Date = new Date()): Promise<TierChange | null> {
  if (!reason.trim()) throw new TierError("A manual tier needs a reason for the audit log.");
  if (tierId !== null && (!until || until <= now)) throw new TierError("A manual tier needs an end date in the future.");
  const change = await withLedgerRetry(() =>
    db.transaction(async (tx) => {
      const list = await listTiers(tx);
      if (!list.length) throw new TierError("No tiers are configured.");
      if (tierId !== null && !list.some((t) => t.id === tierId)) throw new TierError(`Unknown tier "${tierId}".`);
      const [customer] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId));
      if (!customer) throw new TierError("No such customer.");
      const row = await lockTierRow(tx, customerId, list[0].id);
      const after = { tierId, until: tierId === null ? null : until };
      await tx.update(customerTiers).set({ manualFloorTierId: after.tierId, manualFloorUntil: after.until, updatedAt: sql`now()` }).where(eq(customerTiers.customerId, customerId));
      await writeAudit(tx, {
        actorId,
        action: tierId === null ? "tier.manual_floor_cleared" : "tier.manual_floor_set",
        entityType: "customer",
        entityId: customerId,
        before: { tierId: row.manualFloorTierId, until: row.manualFloorUntil?.toISOString() ?? null },
        after: { tierId: after.tierId, until: after.until?.toISOString() ?? null },
        reason: reason.trim(),
      });
      return (await recomputeIn(tx, customerId, "manual_floor", now)).change;
    }),
  );
  await notifyUpgrade(change);
  return change;
}

export type TierMaintenance = { checked: number; upgraded: number; downgraded: number; graceStarted: number };

/**
 * Nightly: recompute everyone whose tier can move without an event of their own — anyone above the
 * lowest tier (points leave the window, floors expire, plans end), anyone with a pending downgrade
 * or a manual floor, live paid plans with a minimum tier, and yesterday's earners whose caller did
 * not recompute. Downgrades whose grace has passed apply here. Each recompute is idempotent.
 */
export async function runTierMaintenance(now: Date = new Date()): Promise<TierMaintenance> {
  const list = await listTiers();
  const result: TierMaintenance = { checked: 0, upgraded: 0, downgraded: 0, graceStarted: 0 };
  if (!list.length) return result;
  const since = addDays(now, -2);
  const [held, planned, recent] = await Promise.all([
    db
      .select({ id: customerTiers.customerId })
      .from(customerTiers)
      .where(or(ne(customerTiers.tierId, list[0].id), isNotNull(customerTiers.downgradeAfter), isNotNull(customerTiers.manualFloorTierId))),
    db
      .selectDistinct({ id: customers.id })
      .from(customers)
      .innerJoin(memberships, eq(memberships.userId, customers.userId))
      .innerJoin(plans, eq(plans.id, memberships.planId))
      .where(and(inArray(memberships.status, [...LIVE_STATUSES]), sql`${plans.benefits}->>'minTier' is not null`)),
    db
      .selectDistinct({ id: pointPostings.customerId })
      .from(pointEntries)
      .innerJoin(pointPostings, eq(pointPostings.id, pointEntries.postingId))
      // point_entries_account_idx (account, created_at): points issued in the last two days
      .where(and(eq(pointEntries.account, "program_issued"), gte(pointEntries.createdAt, since))),
  ]);
  const ids = new Set([...held, ...planned, ...recent].map((r) => r.id));
  for (const customerId of ids) {
    const { change, graceStarted } = await withLedgerRetry(() => db.transaction((tx) => recomputeIn(tx, customerId, "nightly", now)));
    await notifyUpgrade(change);
    result.checked++;
    if (change?.direction === "up") result.upgraded++;
    if (change?.direction === "down") result.downgraded++;
    if (graceStarted) result.graceStarted++;
  }
  return result;
}
