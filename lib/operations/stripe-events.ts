import "server-only";
import { and, count, eq, like, sql, type SQL } from "drizzle-orm";
import type Stripe from "stripe";
import { db } from "@/db";
import { stripeEventFailures, stripeEvents } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { getStripe } from "@/lib/billing/stripe-client";
import { stripeErrorCode, stripeErrorType } from "@/lib/billing/stripe-errors";
import { processStripeEvent } from "@/lib/billing/webhooks/process-event";
import { beforeCursor, compareNewestFirst, encodeCursor, microsOf, newestFirst, type Cursor } from "./cursor";
import { startsWith } from "./like";
import type { StripeEventStatus } from "./schemas";

/**
 * The Stripe event log: what the webhook recorded. stripe_events holds each event processed (or
 * ignored) once; stripe_event_failures holds every failed handler run. An event with failures and
 * no stripe_events row is "failed": Stripe may still retry it, and an admin can retry it here.
 */

export type StripeEventRow = {
  id: string;
  type: string;
  status: StripeEventStatus;
  /** When it was processed, or for a failed event its last failure. */
  at: Date;
  /** Stripe's `created`, for processed events. */
  created: number | null;
  /** Failed handler runs (before a successful one, for processed events). */
  failures: number;
  lastError: string | null;
  cursor: Cursor;
};

export type StripeEventFilters = { status?: StripeEventStatus; type?: string };
export type StripeEventPage = { rows: StripeEventRow[]; next: string | null };

async function recordedEvents(filters: StripeEventFilters, cursor: Cursor | null, limit: number): Promise<StripeEventRow[]> {
  const conditions: (SQL | undefined)[] = [
    filters.status && filters.status !== "failed" ? eq(stripeEvents.status, filters.status) : undefined,
    filters.type ? like(stripeEvents.type, startsWith(filters.type)) : undefined,
    cursor ? beforeCursor(stripeEvents.receivedAt, stripeEvents.id, cursor) : undefined,
  ];
  // Spelled out with table names: a one-table select leaves drizzle's columns unqualified.
  const failures = sql<number>`(select count(*) from ${stripeEventFailures} f where f.event_id = ${stripeEvents}.id)`.mapWith(Number);
  const rows = await db
    .select({ id: stripeEvents.id, type: stripeEvents.type, status: stripeEvents.status, at: stripeEvents.receivedAt, micros: microsOf(stripeEvents.receivedAt), created: stripeEvents.created, failures })
    .from(stripeEvents)
    .where(and(...conditions))
    .orderBy(...newestFirst(stripeEvents.receivedAt, stripeEvents.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, type: r.type, status: r.status, at: r.at, created: r.created, failures: r.failures, lastError: null, cursor: { micros: r.micros, id: r.id } }));
}

/** Failure rows of events never processed (a later success leaves its failures behind as history). */
function unprocessed() {
  return sql`not exists (select 1 from ${stripeEvents} e where e.id = ${stripeEventFailures}.event_id)`;
}

/** One row per failed event, dated by its last failure. */
async function failedEvents(filters: StripeEventFilters, cursor: Cursor | null, limit: number): Promise<StripeEventRow[]> {
  const lastAt = sql<Date>`max(${stripeEventFailures.createdAt})`;
  const rows = await db
    .select({
      id: stripeEventFailures.eventId,
      type: sql<string>`max(${stripeEventFailures.type})`,
      at: lastAt.mapWith(stripeEventFailures.createdAt),
      micros: microsOf(lastAt),
      failures: count(),
      lastError: sql<string>`(array_agg(${stripeEventFailures.error} order by ${stripeEventFailures.createdAt} desc, ${stripeEventFailures.id} desc))[1]`,
    })
    .from(stripeEventFailures)
    .where(and(unprocessed(), filters.type ? like(stripeEventFailures.type, startsWith(filters.type)) : undefined))
    .groupBy(stripeEventFailures.eventId)
    .having(cursor ? beforeCursor(lastAt, stripeEventFailures.eventId, cursor) : undefined)
    .orderBy(...newestFirst(lastAt, stripeEventFailures.eventId))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, type: r.type, status: "failed" as const, at: r.at, created: null, failures: r.failures, lastError: r.lastError, cursor: { micros: r.micros, id: r.id } }));
}

/**
 * Newest first, `limit` a page. With no status filter the two sources are merged: each gives its
 * next `limit + 1` rows after the cursor, and the merge keeps the first `limit` (keyset on both).
 */
export async function listStripeEvents(filters: StripeEventFilters, cursor: Cursor | null, limit = 25): Promise<StripeEventPage> {
  const wantRecorded = filters.status !== "failed";
  const wantFailed = !filters.status || filters.status === "failed";
  const [recorded, failed] = await Promise.all([
    wantRecorded ? recordedEvents(filters, cursor, limit + 1) : [],
    wantFailed ? failedEvents(filters, cursor, limit + 1) : [],
  ]);
  const merged = [...recorded, ...failed].sort((a, b) => compareNewestFirst(a.cursor, b.cursor));
  const rows = merged.slice(0, limit);
  return { rows, next: merged.length > limit ? encodeCursor(rows.at(-1)!.cursor) : null };
}

/** Events that failed and were never processed (the operations overview's count). */
export async function countFailedStripeEvents(): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(distinct ${stripeEventFailures.eventId})`.mapWith(Number) }).from(stripeEventFailures).where(unprocessed());
  return row?.n ?? 0;
}

export type RetryResult = { eventId: string; outcome: "processed" | "ignored" };

/**
 * An admin retries a failed event: it is fetched from Stripe by id (the signed delivery is not
 * kept) and run through processStripeEvent — the webhook's own path, so the once-only guarantee,
 * the lock and the handlers are the same. The audit row commits with the event's changes.
 */
export async function retryStripeEvent({ eventId, reason, actorId }: { eventId: string; reason: string; actorId: string }): Promise<RetryResult> {
  const [[recorded], [failed]] = await Promise.all([
    db.select({ status: stripeEvents.status }).from(stripeEvents).where(eq(stripeEvents.id, eventId)),
    db.select({ n: count() }).from(stripeEventFailures).where(eq(stripeEventFailures.eventId, eventId)),
  ]);
  if (recorded) throw new ActionError(`This event was already ${recorded.status}; there is nothing to retry.`, "conflict");
  if (!failed?.n) throw new ActionError("No failed event has that id.", "not_found");

  let event: Stripe.Event;
  try {
    event = await (await getStripe()).events.retrieve(eventId);
  } catch (error) {
    if (stripeErrorCode(error) === "resource_missing") {
      throw new ActionError("Stripe no longer has this event (it keeps events for 30 days), so it can't be retried. Reconcile the customer's membership instead.", "not_found");
    }
    if (stripeErrorType(error)) throw new ActionError("Stripe didn't answer. Try again in a minute.", "failed");
    throw error;
  }

  const before = { status: "failed", failures: failed.n };
  let outcome: Awaited<ReturnType<typeof processStripeEvent>>;
  try {
    outcome = await processStripeEvent(event, {
      inTransaction: (tx, result) =>
        writeAudit(tx, { actorId, action: "stripe_event.retry", entityType: "stripe_event", entityId: eventId, before, after: { status: result, type: event.type }, reason }),
    });
  } catch (error) {
    // The handler's transaction rolled back (and processStripeEvent recorded the failure); the
    // attempt itself is still on record, with who made it.
    const message = error instanceof Error ? error.message : String(error);
    await writeAudit(db, { actorId, action: "stripe_event.retry_failed", entityType: "stripe_event", entityId: eventId, before, after: { status: "failed", failures: failed.n + 1, error: message.slice(0, 500) }, reason });
    throw new ActionError(`The handler failed again: ${message.slice(0, 300)}`, "failed");
  }
  if (outcome === "duplicate") throw new ActionError("Stripe's own retry processed this event in the meantime; nothing changed.", "conflict");
  return { eventId, outcome };
}
