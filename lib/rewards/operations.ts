import "server-only";
import { and, asc, eq, gte, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { customers, drawEntries, experienceSessions, redemptions, rewards, tickets, users, waitlistEntries, type ExperienceSession, type Redemption, type Reward } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { sendEmail } from "@/lib/email/send-email";
import { OrderShippedEmail } from "@/lib/email/templates/order-shipped";
import { SessionCancelledEmail } from "@/lib/email/templates/session-cancelled";
import { getEnv } from "@/lib/env";
import { formatPoints } from "@/lib/format";
import { formatSessionTime } from "./draw";
import { RedemptionError } from "./errors";
import { cancelRedemption } from "./redeem";

// ───────────── schemas (shared by the actions, the forms' field names and the tests) ─────────────

const reason = z.string().trim().min(3, "Give a reason (at least 3 characters).").max(500, "Keep the reason under 500 characters.");
const uuid = z.uuid("That isn't a valid id.");

export const checkInSchema = z.object({ code: z.string().trim().min(1, "Type or scan a ticket code.").max(40, "That code is too long.") });
export const cancelSessionSchema = z.object({ sessionId: uuid, reason });
export const markShippedSchema = z.object({ redemptionId: uuid, trackingNumber: z.string().trim().min(3, "Enter the tracking number.").max(100, "That tracking number is too long.") });
export const markFulfilledSchema = z.object({ redemptionId: uuid });
export const cancelFulfilmentSchema = z.object({ redemptionId: uuid, reason });

const displayName = sql<string>`coalesce(${customers.name}, ${users.name}, ${customers.email})`;

// ───────────── sessions and attendees ─────────────

export type SessionDetail = { session: ExperienceSession; reward: Reward };

export async function getSessionDetail(sessionId: string): Promise<SessionDetail | null> {
  if (!uuid.safeParse(sessionId).success) return null;
  const [row] = await db.select({ session: experienceSessions, reward: rewards }).from(experienceSessions).innerJoin(rewards, eq(rewards.id, experienceSessions.rewardId)).where(eq(experienceSessions.id, sessionId));
  return row ?? null;
}

export type Attendee = { redemptionId: string; customerId: string; name: string; email: string; ticketCode: string | null; checkedInAt: Date | null; bookedAt: Date; pointsCost: number };

/** A session's live bookings (cancelled ones left out), by name. */
export async function listAttendees(sessionId: string): Promise<Attendee[]> {
  return db
    .select({
      redemptionId: redemptions.id,
      customerId: customers.id,
      name: displayName,
      email: customers.email,
      ticketCode: tickets.code,
      checkedInAt: tickets.checkedInAt,
      bookedAt: redemptions.createdAt,
      pointsCost: redemptions.pointsCost,
    })
    .from(redemptions)
    .innerJoin(customers, eq(customers.id, redemptions.customerId))
    .leftJoin(users, eq(users.id, customers.userId))
    .leftJoin(tickets, eq(tickets.redemptionId, redemptions.id))
    .where(and(eq(redemptions.sessionId, sessionId), ne(redemptions.status, "cancelled")))
    .orderBy(sql`lower(${displayName})`, asc(redemptions.createdAt));
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled. A cell
 * that a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading apostrophe (OWASP).
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function attendeesCsv(attendees: Attendee[]): string {
  const header = ["name", "email", "ticket_code", "checked_in_at", "booked_at", "points"];
  const lines = attendees.map((a) => [a.name, a.email, a.ticketCode, a.checkedInAt?.toISOString() ?? "", a.bookedAt.toISOString(), a.pointsCost].map(csvCell).join(","));
  return `${[header.join(","), ...lines].join("\r\n")}\r\n`;
}

// ───────────── check-in ─────────────

/** Codes are typed on phones and read aloud: case and spaces (and dashes) don't matter. */
export function normalizeTicketCode(code: string): string {
  return code.replace(/[\s-]+/g, "").toUpperCase();
}

const dayIn = (value: Date, timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(value);
const clockIn = (value: Date, timeZone: string) => new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(value);

export type CheckInResult = {
  status: "checked_in" | "already_checked_in" | "not_today" | "cancelled" | "not_found";
  /** The headline to show at the door, e.g. "Already checked in at 18:02". */
  message: string;
  code: string;
  attendee: { name: string; email: string } | null;
  session: { id: string; title: string; when: string } | null;
  checkedInAt: Date | null;
};

/**
 * Checks a ticket in once. Valid on the session's day(s) in its own time zone. The conditional
 * update (`checked_in_at is null`) makes two scanners at two doors agree: one checks in, the other
 * reads "already checked in at …". Audited in the same transaction.
 */
export async function checkIn(input: { code: string; actorId: string; now?: Date }): Promise<CheckInResult> {
  const now = input.now ?? new Date();
  const code = normalizeTicketCode(input.code);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ ticket: tickets, redemptionStatus: redemptions.status, session: experienceSessions, title: rewards.title, name: displayName, email: customers.email })
      .from(tickets)
      .innerJoin(redemptions, eq(redemptions.id, tickets.redemptionId))
      .innerJoin(experienceSessions, eq(experienceSessions.id, redemptions.sessionId))
      .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
      .innerJoin(customers, eq(customers.id, redemptions.customerId))
      .leftJoin(users, eq(users.id, customers.userId))
      .where(eq(tickets.code, code));
    if (!row) return { status: "not_found", message: "No ticket with that code", code, attendee: null, session: null, checkedInAt: null };
    const { session } = row;
    const base = { code, attendee: { name: row.name, email: row.email }, session: { id: session.id, title: row.title, when: formatSessionTime(session.startsAt, session.timeZone) } };
    if (row.redemptionStatus === "cancelled" || session.status === "cancelled") {
      return { ...base, status: "cancelled", message: session.status === "cancelled" ? "Ticket cancelled (the session was cancelled)" : "Ticket cancelled", checkedInAt: null };
    }
    if (!doorsOpen(session, now)) {
      return { ...base, status: "not_today", message: "Not valid for today's sessions", checkedInAt: row.ticket.checkedInAt };
    }
    const [done] = await tx
      .update(tickets)
      .set({ checkedInAt: now, checkedInBy: input.actorId })
      .where(and(eq(tickets.id, row.ticket.id), isNull(tickets.checkedInAt)))
      .returning({ checkedInAt: tickets.checkedInAt });
    if (!done) {
      // Someone else got there first (maybe a moment ago, at the other door): read what they wrote.
      const [again] = await tx.select({ at: tickets.checkedInAt }).from(tickets).where(eq(tickets.id, row.ticket.id));
      const at = again.at!;
      return { ...base, status: "already_checked_in", message: `Already checked in at ${clockIn(at, session.timeZone)}`, checkedInAt: at };
    }
    await writeAudit(tx, {
      actorId: input.actorId,
      action: "ticket.checked_in",
      entityType: "ticket",
      entityId: row.ticket.id,
      before: { checkedInAt: null },
      after: { checkedInAt: now.toISOString(), code, sessionId: session.id },
      reason: null,
    });
    return { ...base, status: "checked_in", message: "Checked in", checkedInAt: now };
  });
}

/** Doors open on the session's own day (in its time zone), or up to 12 hours before it starts — an early-morning session straddling midnight UTC still checks in — and close when its last day ends. */
const DOORS_OPEN_HOURS_BEFORE = 12;
function doorsOpen(session: { startsAt: Date; endsAt: Date; timeZone: string }, now: Date): boolean {
  const today = dayIn(now, session.timeZone);
  const onItsDays = today >= dayIn(session.startsAt, session.timeZone) && today <= dayIn(session.endsAt, session.timeZone);
  const soon = now.getTime() >= session.startsAt.getTime() - DOORS_OPEN_HOURS_BEFORE * 3_600_000 && now <= session.endsAt;
  return onItsDays || soon;
}

export type TodaySession = { id: string; title: string; when: string; booked: number; capacity: number; checkedIn: number };

/** Sessions happening today (in their own time zones), with how many are in: for the door. */
export async function listTodaysSessions(now: Date = new Date()): Promise<TodaySession[]> {
  // Time zones run from UTC-12 to UTC+14: a day-and-a-half window either side holds every "today".
  const rows = await db
    .select({
      session: experienceSessions,
      title: rewards.title,
      checkedIn: sql<number>`(select count(*)::int from ${tickets} t join ${redemptions} r on r.id = t.redemption_id where r.session_id = ${experienceSessions.id} and r.status <> 'cancelled' and t.checked_in_at is not null)`,
    })
    .from(experienceSessions)
    .innerJoin(rewards, eq(rewards.id, experienceSessions.rewardId))
    .where(and(eq(experienceSessions.status, "scheduled"), lte(experienceSessions.startsAt, new Date(now.getTime() + 36 * 3_600_000)), gte(experienceSessions.endsAt, new Date(now.getTime() - 36 * 3_600_000))))
    .orderBy(asc(experienceSessions.startsAt));
  return rows
    .filter(({ session }) => doorsOpen(session, now))
    .map(({ session, title, checkedIn }) => ({ id: session.id, title, when: formatSessionTime(session.startsAt, session.timeZone), booked: session.booked, capacity: session.capacity, checkedIn }));
}

// ───────────── session cancellation ─────────────

export type CancelSessionResult = { status: "cancelled" | "already_cancelled"; refunded: number; emailed: number };

/**
 * Cancels a session: first, in one audited transaction, the status (so nothing more can be booked),
 * its waitlist and its undrawn draw entries; then every live booking through cancelRedemption()
 * (byAdmin: the seat and the points come back as a compensating posting), emailing each attendee
 * after that booking's commit. Running it again finishes whatever a crash left live and sends
 * nothing twice (a booking already cancelled is skipped).
 */
export async function cancelSession(input: { sessionId: string; reason: string; actorId: string; now?: Date }): Promise<CancelSessionResult> {
  const now = input.now ?? new Date();
  const { reason } = cancelSessionSchema.parse({ sessionId: input.sessionId, reason: input.reason });
  const first = await db.transaction(async (tx) => {
    const [session] = await tx.select().from(experienceSessions).where(eq(experienceSessions.id, input.sessionId)).for("update");
    if (!session) throw new ActionError("That session doesn't exist.", "not_found");
    if (session.status === "cancelled") return { already: true };
    await tx.update(experienceSessions).set({ status: "cancelled" }).where(eq(experienceSessions.id, session.id));
    // A live waitlist offer holds a seat (counted in `booked`, no redemption yet): closing it gives the seat back.
    const closedOffers = await tx
      .update(waitlistEntries)
      .set({ status: "expired" })
      .where(and(eq(waitlistEntries.sessionId, session.id), eq(waitlistEntries.status, "offered")))
      .returning({ id: waitlistEntries.id });
    if (closedOffers.length) await tx.execute(sql`update experience_sessions set booked = greatest(booked - ${closedOffers.length}, 0) where id = ${session.id}`);
    const closedWaiting = await tx
      .update(waitlistEntries)
      .set({ status: "expired" })
      .where(and(eq(waitlistEntries.sessionId, session.id), eq(waitlistEntries.status, "waiting")))
      .returning({ id: waitlistEntries.id });
    // Undrawn entries close as lost; a drawn session's won/skipped/lost stay as the draw recorded them.
    const closedEntries = await tx
      .update(drawEntries)
      .set({ result: "lost" })
      .where(and(eq(drawEntries.sessionId, session.id), eq(drawEntries.result, "entered")))
      .returning({ id: drawEntries.id });
    const live = await tx.select({ id: redemptions.id }).from(redemptions).where(and(eq(redemptions.sessionId, session.id), ne(redemptions.status, "cancelled")));
    await writeAudit(tx, {
      actorId: input.actorId,
      action: "session.cancelled",
      entityType: "experience_session",
      entityId: session.id,
      before: { status: session.status, booked: session.booked },
      after: { status: "cancelled", bookings: live.map((r) => r.id), waitlistClosed: closedOffers.length + closedWaiting.length, offersReleased: closedOffers.length, drawEntriesClosed: closedEntries.length },
      reason,
    });
    return { already: false };
  });

  const detail = (await getSessionDetail(input.sessionId))!;
  const live = await db
    .select({ id: redemptions.id, email: customers.email, name: customers.name, pointsCost: redemptions.pointsCost })
    .from(redemptions)
    .innerJoin(customers, eq(customers.id, redemptions.customerId))
    .where(and(eq(redemptions.sessionId, input.sessionId), ne(redemptions.status, "cancelled")))
    .orderBy(asc(redemptions.createdAt));
  const appUrl = getEnv().APP_URL;
  let refunded = 0;
  let emailed = 0;
  for (const booking of live) {
    try {
      await cancelRedemption({ redemptionId: booking.id, reason: `Session cancelled: ${reason}`, byAdmin: true, now });
    } catch (error) {
      // The member cancelled it themselves a moment ago: their points are already back.
      if (error instanceof RedemptionError && error.code === "already_cancelled") continue;
      throw error;
    }
    refunded++;
    const sent = await sendEmail({
      to: booking.email,
      subject: `Cancelled: ${detail.reward.title}`,
      template: "session-cancelled",
      react: SessionCancelledEmail({
        name: booking.name?.split(" ")[0] ?? null,
        rewardTitle: detail.reward.title,
        when: formatSessionTime(detail.session.startsAt, detail.session.timeZone),
        reason,
        refunded: formatPoints(booking.pointsCost),
        rewardsUrl: `${appUrl}/rewards`,
      }),
    });
    if (sent) emailed++;
  }
  return { status: first.already ? "already_cancelled" : "cancelled", refunded, emailed };
}

// ───────────── fulfilment ─────────────

export type FulfilmentItem = {
  redemptionId: string;
  rewardTitle: string;
  kind: Reward["kind"];
  name: string;
  email: string;
  address: string | null;
  pointsCost: number;
  createdAt: Date;
  /** Set while another admin is cancelling it. */
  cancelling: boolean;
};

const ADDRESS_ORDER = ["name", "line1", "line2", "city", "state", "region", "postalCode", "postal_code", "country"];

/** A shipping address on one line, known fields in postal order, then any others. */
export function formatAddress(address: Record<string, string> | null): string | null {
  if (!address) return null;
  const keys = [...ADDRESS_ORDER.filter((k) => k in address), ...Object.keys(address).filter((k) => !ADDRESS_ORDER.includes(k))];
  const text = keys.map((k) => address[k]?.trim()).filter(Boolean).join(", ");
  return text || null;
}

/** Pending product and service redemptions, oldest first: the fulfilment queue. */
export async function listFulfilmentQueue(limit = 100): Promise<{ items: FulfilmentItem[]; total: number }> {
  const where = and(eq(redemptions.status, "pending"), inArray(rewards.kind, ["product", "service"]));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ r: redemptions, title: rewards.title, kind: rewards.kind, name: displayName, email: customers.email })
      .from(redemptions)
      .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
      .innerJoin(customers, eq(customers.id, redemptions.customerId))
      .leftJoin(users, eq(users.id, customers.userId))
      .where(where)
      .orderBy(asc(redemptions.createdAt), asc(redemptions.id))
      .limit(limit),
    db.select({ total: sql<number>`count(*)::int` }).from(redemptions).innerJoin(rewards, eq(rewards.id, redemptions.rewardId)).where(where),
  ]);
  return {
    total,
    items: rows.map(({ r, title, kind, name, email }) => ({
      redemptionId: r.id,
      rewardTitle: title,
      kind,
      name,
      email,
      address: formatAddress(r.shippingAddress),
      pointsCost: r.pointsCost,
      createdAt: r.createdAt,
      cancelling: r.cancelReason !== null,
    })),
  };
}

const alreadyHandled = () => new ActionError("Someone already handled this redemption: refresh to see the queue as it is now.", "conflict");

/**
 * Pending → fulfilled, by a conditional update (`status = 'pending'` and no cancellation under
 * way), so two admins acting at once act once. Audited in the same transaction.
 */
async function complete(input: { redemptionId: string; actorId: string; trackingNumber?: string; now?: Date }): Promise<Redemption> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [done] = await tx
      .update(redemptions)
      .set({ status: "fulfilled", fulfilledAt: now, ...(input.trackingNumber ? { trackingNumber: input.trackingNumber } : {}) })
      .where(and(eq(redemptions.id, input.redemptionId), eq(redemptions.status, "pending"), isNull(redemptions.cancelReason)))
      .returning();
    if (!done) throw alreadyHandled();
    await writeAudit(tx, {
      actorId: input.actorId,
      action: input.trackingNumber ? "redemption.shipped" : "redemption.fulfilled",
      entityType: "redemption",
      entityId: done.id,
      before: { status: "pending" },
      after: { status: "fulfilled", trackingNumber: done.trackingNumber },
      reason: null,
    });
    return done;
  });
}

/** Ships a product: fulfilled with its tracking number; the member is emailed after commit. */
export async function markShipped(input: { redemptionId: string; trackingNumber: string; actorId: string; now?: Date }): Promise<Redemption> {
  const done = await complete(input);
  const [row] = await db
    .select({ email: customers.email, name: customers.name, title: rewards.title })
    .from(customers)
    .innerJoin(rewards, eq(rewards.id, done.rewardId))
    .where(eq(customers.id, done.customerId));
  await sendEmail({
    to: row.email,
    subject: `On its way: ${row.title}`,
    template: "order-shipped",
    react: OrderShippedEmail({
      name: row.name?.split(" ")[0] ?? null,
      rewardTitle: row.title,
      trackingNumber: input.trackingNumber,
      address: formatAddress(done.shippingAddress),
      pointsUrl: `${getEnv().APP_URL}/points`,
    }),
  });
  return done;
}

/** Fulfils a service (or a product handed over in person). */
export async function markFulfilled(input: { redemptionId: string; actorId: string; now?: Date }): Promise<Redemption> {
  return complete(input);
}

/**
 * Cancels a pending redemption with its points back, through cancelRedemption (byAdmin). The
 * cancellation is first claimed by a conditional update that records the reason on the still-pending
 * row: shipping and fulfilling require no such claim, so an admin shipping and another cancelling at
 * the same moment cannot both succeed. A failed refund releases the claim.
 */
export async function cancelFulfilment(input: { redemptionId: string; reason: string; actorId: string; now?: Date }): Promise<Redemption> {
  const { reason } = cancelFulfilmentSchema.parse({ redemptionId: input.redemptionId, reason: input.reason });
  const [claimed] = await db
    .update(redemptions)
    .set({ cancelReason: reason })
    // Not `cancel_reason is null`: a claim left by a crash can be retried; cancelRedemption refunds once.
    .where(and(eq(redemptions.id, input.redemptionId), eq(redemptions.status, "pending")))
    .returning({ id: redemptions.id });
  if (!claimed) throw alreadyHandled();
  let cancelled: Redemption;
  try {
    ({ redemption: cancelled } = await cancelRedemption({ redemptionId: input.redemptionId, reason, byAdmin: true, now: input.now }));
  } catch (error) {
    await db.update(redemptions).set({ cancelReason: null }).where(and(eq(redemptions.id, input.redemptionId), eq(redemptions.status, "pending")));
    throw error;
  }
  // cancelRedemption() owns its transaction; the audit row follows its commit.
  await writeAudit(db, {
    actorId: input.actorId,
    action: "redemption.cancelled",
    entityType: "redemption",
    entityId: cancelled.id,
    before: { status: "pending" },
    after: { status: "cancelled", refunded: cancelled.pointsCost },
    reason,
  });
  return cancelled;
}
