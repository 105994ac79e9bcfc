import "server-only";
import { addDays } from "date-fns";
import { and, count, desc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Db, type Tx } from "@/db";
import { pointLots, pointPostings, type PostingKind } from "@/db/schema";

/** What a member reads in their points history: postings, newest first, filtered by what they did. */

export const HISTORY_FILTERS = ["all", "earned", "spent", "expired", "adjustments"] as const;
export type HistoryFilter = (typeof HISTORY_FILTERS)[number];
export const HISTORY_PAGE_SIZE = 25;

/**
 * Which postings each filter shows. `release` is never shown: it moves points from pending to
 * available (zero net), and the earning line itself stops saying "pending". A cancelled redemption
 * (`refund`) sits with spending; points taken back after an order refund (`reverse`, `void`) sit
 * with adjustments, as the member sees them as corrections.
 */
const KINDS: Record<HistoryFilter, PostingKind[]> = {
  all: ["earn", "redeem", "refund", "reverse", "void", "expire", "adjust"],
  earned: ["earn"],
  spent: ["redeem", "refund"],
  expired: ["expire"],
  adjustments: ["adjust", "reverse", "void"],
};

/** The /points query string. Anything unreadable falls back to the first page of everything. */
export const historyQuerySchema = z.object({
  filter: z.enum(HISTORY_FILTERS).catch("all"),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export type HistoryItem = {
  id: number;
  kind: PostingKind;
  memo: string;
  /** Signed change of the member's points. */
  points: number;
  /** Earned points still on hold (not spendable yet), and when they become available. */
  pending: boolean;
  availableAt: Date | null;
  createdAt: Date;
};

export type HistoryPage = { items: HistoryItem[]; filter: HistoryFilter; page: number; pageCount: number; total: number; pageSize: number };

/** One page of a customer's history. A page past the end shows the last page. */
export async function listPointHistory(customerId: string, query: Partial<HistoryQuery> = {}, pageSize = HISTORY_PAGE_SIZE, conn: Db | Tx = db): Promise<HistoryPage> {
  const filter = query.filter ?? "all";
  // point_postings_customer_idx (customer_id, created_at)
  const where = and(eq(pointPostings.customerId, customerId), inArray(pointPostings.kind, KINDS[filter]));
  const [{ total }] = await conn.select({ total: count() }).from(pointPostings).where(where);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, query.page ?? 1), pageCount);
  const rows = await conn
    .select({
      id: pointPostings.id,
      kind: pointPostings.kind,
      memo: pointPostings.memo,
      points: pointPostings.points,
      createdAt: pointPostings.createdAt,
      availableAt: pointLots.availableAt,
    })
    .from(pointPostings)
    // point_lots_open_idx (customer_id, state, …): the customer's pending lots, matched to their earning
    .leftJoin(pointLots, and(eq(pointLots.customerId, customerId), eq(pointLots.state, "pending"), eq(pointLots.postingId, pointPostings.id)))
    .where(where)
    .orderBy(desc(pointPostings.createdAt), desc(pointPostings.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const items = rows.map((r) => ({ ...r, pending: r.availableAt !== null }));
  return { items, filter, page, pageCount, total, pageSize };
}

export type ExpiringPoints = { points: number; firstDate: Date | null };

/** Available points whose lots expire within `days` (default 30) of `now`: the dashboard's warning. */
export async function getExpiringPoints(customerId: string, { now = new Date(), days = 30 }: { now?: Date; days?: number } = {}, conn: Db | Tx = db): Promise<ExpiringPoints> {
  const [row] = await conn
    .select({
      points: sql<number>`coalesce(sum(${pointLots.remaining}), 0)`.mapWith(Number),
      firstDate: sql<Date | null>`min(${pointLots.expiresAt})`.mapWith(pointLots.expiresAt),
    })
    .from(pointLots)
    // point_lots_open_idx (customer_id, state, expires_at)
    .where(and(eq(pointLots.customerId, customerId), eq(pointLots.state, "available"), gt(pointLots.remaining, 0), gt(pointLots.expiresAt, now), lte(pointLots.expiresAt, addDays(now, days))));
  return { points: row?.points ?? 0, firstDate: row?.points ? row.firstDate : null };
}
