import "server-only";
import { and, asc, desc, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db";
import { customers, customerTiers, experienceSessions, integrations, memberships, orders, pointBalances, pointPostings, redemptions, rewards, users } from "@/db/schema";
import { LIVE_STATUSES } from "@/lib/billing/memberships";
import type { CsvColumn } from "@/lib/reports/csv";
import type { DateRange } from "@/lib/reports/date-range";
import { keysetCsvStream } from "./csv-stream";

/**
 * The CSV exports. Each walks its table in primary-key order in batches (keyset: `id > last`),
 * so a million rows cost a million index steps, never a sort of the whole table or an OFFSET that
 * re-reads what came before. Money is integer cents and points are integers, as stored.
 */

export const EXPORT_KINDS = ["members", "orders", "postings", "redemptions"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_BATCH_SIZE = 1000;

type Definition<Row, Key> = {
  title: string;
  description: string;
  /** The date the range filters on ("placed", …), or null when the export is a snapshot of now. */
  dateField: string | null;
  columns: readonly CsvColumn<Row>[];
  fetchBatch: (after: Key | null, limit: number, range: DateRange | null) => Promise<Row[]>;
  keyOf: (row: Row) => Key;
};

type Export = {
  title: string;
  description: string;
  dateField: string | null;
  headers: string[];
  stream: (range: DateRange | null, batchSize: number) => ReadableStream<Uint8Array>;
};

function define<Row, Key>(d: Definition<Row, Key>): Export {
  return {
    title: d.title,
    description: d.description,
    dateField: d.dateField,
    headers: d.columns.map((column) => column.header),
    stream: (range, batchSize) => keysetCsvStream({ columns: d.columns, fetchBatch: (after, limit) => d.fetchBatch(after, limit, range), keyOf: d.keyOf, batchSize }),
  };
}

// ───────────── members: every account, with its current membership, tier and balance ─────────────

async function memberBatch(after: string | null, limit: number) {
  // The membership a member has now: a live one first (as getLiveMembership decides), else the latest.
  const currentMembership = db
    .select({ planId: memberships.planId, status: memberships.status, source: memberships.source, currentPeriodEnd: memberships.currentPeriodEnd })
    .from(memberships)
    .where(eq(memberships.userId, users.id))
    .orderBy(desc(inArray(memberships.status, [...LIVE_STATUSES])), desc(memberships.startedAt))
    .limit(1)
    .as("current_membership");
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      joinedAt: users.createdAt,
      plan: currentMembership.planId,
      status: currentMembership.status,
      source: currentMembership.source,
      endsAt: currentMembership.currentPeriodEnd,
      tier: customerTiers.tierId,
      available: pointBalances.available,
      pending: pointBalances.pending,
      debt: pointBalances.debt,
      lifetimeEarned: pointBalances.lifetimeEarned,
      lifetimeRedeemed: pointBalances.lifetimeRedeemed,
    })
    .from(users)
    .leftJoinLateral(currentMembership, sql`true`)
    .leftJoin(customers, eq(customers.userId, users.id))
    .leftJoin(pointBalances, eq(pointBalances.customerId, customers.id))
    .leftJoin(customerTiers, eq(customerTiers.customerId, customers.id))
    .where(after === null ? undefined : gt(users.id, after))
    .orderBy(asc(users.id))
    .limit(limit);
}

type MemberRow = Awaited<ReturnType<typeof memberBatch>>[number];

const membersExport = define<MemberRow, string>({
  title: "Members",
  description: "Every account as it is now: role, current membership (plan, status, source, end of the period), tier and points balance.",
  dateField: null,
  columns: [
    { header: "user_id", value: (r) => r.id },
    { header: "email", value: (r) => r.email },
    { header: "name", value: (r) => r.name },
    { header: "role", value: (r) => r.role },
    { header: "joined_at", value: (r) => r.joinedAt },
    { header: "plan", value: (r) => r.plan ?? "free" },
    { header: "membership_status", value: (r) => r.status },
    { header: "membership_source", value: (r) => r.source },
    { header: "period_ends_at", value: (r) => r.endsAt },
    { header: "tier", value: (r) => r.tier },
    { header: "available_points", value: (r) => r.available ?? 0 },
    { header: "pending_points", value: (r) => r.pending ?? 0 },
    { header: "debt_points", value: (r) => r.debt ?? 0 },
    { header: "lifetime_earned_points", value: (r) => r.lifetimeEarned ?? 0 },
    { header: "lifetime_redeemed_points", value: (r) => r.lifetimeRedeemed ?? 0 },
  ],
  fetchBatch: (after, limit) => memberBatch(after, limit),
  keyOf: (row) => row.id,
});

// ───────────── orders: store orders placed in the range ─────────────

async function orderBatch(after: string | null, limit: number, range: DateRange) {
  return db
    .select({
      id: orders.id,
      externalId: orders.externalId,
      integration: integrations.name,
      email: customers.email,
      currency: orders.currency,
      totalCents: orders.totalCents,
      qualifyingCents: orders.qualifyingCents,
      refundedCents: orders.refundedCents,
      points: orders.points,
      placedAt: orders.placedAt,
      recordedAt: orders.createdAt,
    })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(integrations, eq(integrations.id, orders.integrationId))
    .where(and(gte(orders.placedAt, range.from), lt(orders.placedAt, range.toExclusive), after === null ? undefined : gt(orders.id, after)))
    .orderBy(asc(orders.id))
    .limit(limit);
}

type OrderRow = Awaited<ReturnType<typeof orderBatch>>[number];

const ordersExport = define<OrderRow, string>({
  title: "Orders",
  description: "Store orders placed in the range, with amounts in cents, refunds and the points each earned.",
  dateField: "placed",
  columns: [
    { header: "order_id", value: (r) => r.id },
    { header: "external_id", value: (r) => r.externalId },
    { header: "integration", value: (r) => r.integration },
    { header: "customer_email", value: (r) => r.email },
    { header: "currency", value: (r) => r.currency },
    { header: "total_cents", value: (r) => r.totalCents },
    { header: "qualifying_cents", value: (r) => r.qualifyingCents },
    { header: "refunded_cents", value: (r) => r.refundedCents },
    { header: "points", value: (r) => r.points },
    { header: "placed_at", value: (r) => r.placedAt },
    { header: "recorded_at", value: (r) => r.recordedAt },
  ],
  fetchBatch: (after, limit, range) => orderBatch(after, limit, range!),
  keyOf: (row) => row.id,
});

// ───────────── postings: the points journal ─────────────

const actor = alias(users, "actor");

async function postingBatch(after: number | null, limit: number, range: DateRange) {
  return db
    .select({
      id: pointPostings.id,
      key: pointPostings.key,
      kind: pointPostings.kind,
      reason: pointPostings.reason,
      email: customers.email,
      points: pointPostings.points,
      memo: pointPostings.memo,
      actorEmail: actor.email,
      createdAt: pointPostings.createdAt,
    })
    .from(pointPostings)
    .innerJoin(customers, eq(customers.id, pointPostings.customerId))
    .leftJoin(actor, eq(actor.id, pointPostings.actorId))
    .where(and(gte(pointPostings.createdAt, range.from), lt(pointPostings.createdAt, range.toExclusive), after === null ? undefined : gt(pointPostings.id, after)))
    .orderBy(asc(pointPostings.id))
    .limit(limit);
}

type PostingRow = Awaited<ReturnType<typeof postingBatch>>[number];

const postingsExport = define<PostingRow, number>({
  title: "Points postings",
  description: "Every change of points in the range, as the journal records it: signed points, kind, reason, and the admin for adjustments.",
  dateField: "posted",
  columns: [
    { header: "posting_id", value: (r) => r.id },
    { header: "key", value: (r) => r.key },
    { header: "kind", value: (r) => r.kind },
    { header: "reason", value: (r) => r.reason },
    { header: "customer_email", value: (r) => r.email },
    { header: "points", value: (r) => r.points },
    { header: "memo", value: (r) => r.memo },
    { header: "actor_email", value: (r) => r.actorEmail },
    { header: "created_at", value: (r) => r.createdAt },
  ],
  fetchBatch: (after, limit, range) => postingBatch(after, limit, range!),
  keyOf: (row) => row.id,
});

// ───────────── redemptions: rewards taken in the range ─────────────

async function redemptionBatch(after: string | null, limit: number, range: DateRange) {
  return db
    .select({
      id: redemptions.id,
      reward: rewards.title,
      kind: rewards.kind,
      email: customers.email,
      status: redemptions.status,
      pointsCost: redemptions.pointsCost,
      sessionStartsAt: experienceSessions.startsAt,
      trackingNumber: redemptions.trackingNumber,
      createdAt: redemptions.createdAt,
      fulfilledAt: redemptions.fulfilledAt,
      cancelledAt: redemptions.cancelledAt,
      cancelReason: redemptions.cancelReason,
    })
    .from(redemptions)
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .innerJoin(customers, eq(customers.id, redemptions.customerId))
    .leftJoin(experienceSessions, eq(experienceSessions.id, redemptions.sessionId))
    .where(and(gte(redemptions.createdAt, range.from), lt(redemptions.createdAt, range.toExclusive), after === null ? undefined : gt(redemptions.id, after)))
    .orderBy(asc(redemptions.id))
    .limit(limit);
}

type RedemptionRow = Awaited<ReturnType<typeof redemptionBatch>>[number];

const redemptionsExport = define<RedemptionRow, string>({
  title: "Redemptions",
  description: "Rewards redeemed in the range: who, what, points, status and fulfilment. Discount codes are left out (they can still be used).",
  dateField: "redeemed",
  columns: [
    { header: "redemption_id", value: (r) => r.id },
    { header: "reward", value: (r) => r.reward },
    { header: "reward_kind", value: (r) => r.kind },
    { header: "customer_email", value: (r) => r.email },
    { header: "status", value: (r) => r.status },
    { header: "points_cost", value: (r) => r.pointsCost },
    { header: "session_starts_at", value: (r) => r.sessionStartsAt },
    { header: "tracking_number", value: (r) => r.trackingNumber },
    { header: "redeemed_at", value: (r) => r.createdAt },
    { header: "fulfilled_at", value: (r) => r.fulfilledAt },
    { header: "cancelled_at", value: (r) => r.cancelledAt },
    { header: "cancel_reason", value: (r) => r.cancelReason },
  ],
  fetchBatch: (after, limit, range) => redemptionBatch(after, limit, range!),
  keyOf: (row) => row.id,
});

const EXPORTS: Record<ExportKind, Export> = { members: membersExport, orders: ordersExport, postings: postingsExport, redemptions: redemptionsExport };

export type ExportInfo = { kind: ExportKind; title: string; description: string; dateField: string | null; headers: string[] };

export function isExportKind(value: string): value is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(value);
}

/** What the exports page lists. */
export function listExports(): ExportInfo[] {
  return EXPORT_KINDS.map((kind) => {
    const e = EXPORTS[kind];
    return { kind, title: e.title, description: e.description, dateField: e.dateField, headers: e.headers };
  });
}

export function exportUsesDateRange(kind: ExportKind): boolean {
  return EXPORTS[kind].dateField !== null;
}

/** The CSV body, streamed in keyset batches. `range` is ignored by exports without a date. */
export function exportCsv(kind: ExportKind, range: DateRange | null, batchSize = EXPORT_BATCH_SIZE): ReadableStream<Uint8Array> {
  const e = EXPORTS[kind];
  if (e.dateField && !range) throw new Error(`The ${kind} export needs a date range.`);
  return e.stream(e.dateField ? range : null, batchSize);
}
