import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { experienceSessions, redemptions, rewards, tickets, tiers, waitlistEntries, type ExperienceSession, type Redemption, type Reward, type Ticket } from "@/db/schema";
import { formatDate } from "@/lib/format";
import { lockBalance, postIn, withLedgerRetry } from "@/lib/ledger/post";
import { memberStanding, rewardAvailability } from "./access";
import { randomCode } from "./codes";
import { RedemptionError } from "./errors";
import { sendWaitlistOffer, type SeatOffer } from "./notify";

export type { SeatOffer } from "./notify";

export type RedeemInput = {
  customerId: string;
  rewardId: string;
  /** Required for experiences: the session to book. */
  sessionId?: string;
  shippingAddress?: Record<string, string>;
  /**
   * Accepting a waitlist offer: book on the seat held for this entry, or refuse. Without it, a
   * member whose offer is live still books on their held seat (never a second one).
   */
  offerEntryId?: number;
  /**
   * The member's form submission (a fresh key per rendered form): sent again, it gets back the
   * redemption it already made instead of a second one. Internal callers leave it out.
   */
  requestKey?: string;
  now?: Date;
};

export type RedeemResult =
  /** `replayed`: the request key had already redeemed; nothing was done this time (send no email again). */
  | { status: "redeemed"; replayed: boolean; redemption: Redemption; reward: Reward; session: ExperienceSession | null; ticket: Ticket | null }
  /** The session is full: nothing was charged; the member may join the waitlist. */
  | { status: "full"; reward: Reward; session: ExperienceSession };

const HOUR = 3_600_000;
/** How long a waitlisted member has to accept a held seat (capped at the session's booking cut-off). */
export const OFFER_HOURS = 24;

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];

/** Bookings and member cancellations close `cutoffHours` before the start. */
export function bookingClosesAt(session: Pick<ExperienceSession, "startsAt" | "cutoffHours">): Date {
  return new Date(session.startsAt.getTime() - session.cutoffHours * HOUR);
}

/**
 * One transaction (DESIGN "Redeem"): lock the member's balance → check the reward's window, gating
 * and limits → write the redemption, its posting and ticket → take the stock unit or seat by a
 * conditional update that cannot exceed capacity (last, to keep the hot row's lock short; no seat
 * rolls everything back). The caller sends emails after it returns (after commit).
 */
export async function redeem(input: RedeemInput): Promise<RedeemResult> {
  try {
    return await withLedgerRetry(() => db.transaction((tx) => redeemIn(tx, input)));
  } catch (error) {
    if (error instanceof SessionFullError) return { status: "full", reward: error.reward, session: error.session };
    throw error;
  }
}

/**
 * The redemption path inside the caller's transaction. A booking takes a seat one of two ways, both
 * conditional updates: a free seat (`booked < capacity`), or the seat the waitlist holds for this
 * member (their entry `offered` → `booked` while the offer is live). Either way the checks, the
 * posting and the ticket are the same code.
 */
export async function redeemIn(tx: Tx, input: RedeemInput): Promise<RedeemResult> {
  const now = input.now ?? new Date();
  const balance = await lockBalance(tx, input.customerId);
  // Under the balance lock a resent form's first submission has committed or not started: if it
  // redeemed, that redemption stands, even where the points, stock or limits would refuse it now.
  if (input.requestKey) {
    const done = await redeemedUnder(tx, input.customerId, input.requestKey);
    if (done) {
      if (done.redemption.rewardId !== input.rewardId || done.redemption.sessionId !== (input.sessionId ?? null)) {
        throw new RedemptionError("key_reused", "This form was already used for another reward. Reload the page and try again.");
      }
      return done;
    }
  }
  const [reward] = await tx.select().from(rewards).where(eq(rewards.id, input.rewardId));
  if (!reward || reward.status !== "active") throw new RedemptionError("not_found", "That reward isn't available.");

  const [standing, tierRows] = [await memberStanding(tx, input.customerId), await tx.select({ id: tiers.id, name: tiers.name, rank: tiers.sortOrder }).from(tiers)];
  const availability = rewardAvailability(reward, standing, Object.fromEntries(tierRows.map((r) => [r.id, r.rank])), now);
  if (!availability.open) {
    if (availability.reason === "tier_locked") {
      const name = tierRows.find((t) => t.id === availability.tierId)?.name ?? availability.tierId;
      throw new RedemptionError("tier_locked", `This reward is for ${name} members and above.`);
    }
    if (availability.reason === "members_only") throw new RedemptionError("members_only", "This reward is for paid members.");
    throw new RedemptionError("not_available", availability.opensAt ? `This reward opens on ${formatDate(availability.opensAt)}.` : "This reward is no longer available.");
  }

  let session: ExperienceSession | null = null;
  if (reward.kind === "experience") {
    if (!input.sessionId) throw new RedemptionError("not_found", "Choose a session to book.");
    [session] = await tx.select().from(experienceSessions).where(and(eq(experienceSessions.id, input.sessionId), eq(experienceSessions.rewardId, reward.id)));
    if (!session || session.status !== "scheduled") throw new RedemptionError("not_found", "That session isn't available.");
    if (session.mode === "draw") throw new RedemptionError("not_available", "This session is allocated by a fair draw: enter the draw instead.");
    if (now.getTime() >= bookingClosesAt(session).getTime()) throw new RedemptionError("booking_closed", "Booking for this session has closed.");
  } else if (input.offerEntryId !== undefined) {
    throw new RedemptionError("not_found", "That offer isn't for this reward.");
  }

  // Per-member limits: counted under the member's balance lock, so two requests cannot both pass.
  const live = and(eq(redemptions.customerId, input.customerId), eq(redemptions.rewardId, reward.id), ne(redemptions.status, "cancelled"));
  if (reward.perMemberLimit !== null) {
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(redemptions).where(live);
    if (n >= reward.perMemberLimit) throw new RedemptionError("limit_reached", `You can redeem this reward ${reward.perMemberLimit === 1 ? "once" : `${reward.perMemberLimit} times`}.`);
  }
  if (session) {
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(redemptions).where(and(live, eq(redemptions.sessionId, session.id)));
    if (n >= session.perMemberLimit) throw new RedemptionError("limit_reached", "You've already booked this session.");
  }

  const cost = session?.pointsCost ?? reward.pointsCost;
  if (balance.available < cost) {
    throw new RedemptionError("insufficient_points", `You need ${(cost - balance.available).toLocaleString("en-US")} more points (you have ${balance.available.toLocaleString("en-US")}).`);
  }

  // A seat held for this member by the waitlist is claimed first; a free seat or a stock unit is taken
  // last (below), so a busy session's row stays locked only from that update to the commit.
  const held = session ? await takeHeldSeat(tx, session.id, input.customerId, input.offerEntryId, now) : false;
  if (session && !held && input.offerEntryId !== undefined) throw new RedemptionError("not_available", "This offer is no longer open: it expired or was already used.");

  const immediate = reward.kind === "discount" || reward.kind === "donation" || reward.kind === "experience";
  const [redemption] = await tx
    .insert(redemptions)
    .values({
      customerId: input.customerId,
      rewardId: reward.id,
      sessionId: session?.id ?? null,
      status: immediate ? "fulfilled" : "pending",
      pointsCost: cost,
      code: reward.kind === "discount" ? randomCode(10, "CAIRN-") : null,
      shippingAddress: input.shippingAddress ?? null,
      fulfilledAt: immediate ? now : null,
      // unique per member (redemptions_request_key_unique): the backstop behind the check above
      requestKey: input.requestKey ?? null,
      createdAt: now,
    })
    .returning();
  await postIn(tx, {
    kind: "redeem",
    key: `redemption:${redemption.id}`,
    customerId: input.customerId,
    points: cost,
    reason: "redemption",
    memo: session ? `Booked: ${reward.title}` : reward.kind === "donation" ? `Donated: ${reward.title}` : `Redeemed: ${reward.title}`,
    metadata: { redemptionId: redemption.id, rewardId: reward.id, sessionId: session?.id ?? null },
    at: now,
  });
  const [ticket] = session ? await tx.insert(tickets).values({ redemptionId: redemption.id, code: randomCode(8) }).returning() : [null];

  // Capacity is the database's to enforce (DESIGN invariant 6): a conditional update, never
  // count-then-insert. If it finds no seat or unit, everything above rolls back with the throw.
  if (session && !held) {
    const taken = rowsOf(await tx.execute(sql`update experience_sessions set booked = booked + 1 where id = ${session.id} and booked < capacity and status = 'scheduled' returning id`));
    if (!taken.length) throw new SessionFullError(reward, session);
    // Got in without the waitlist: their place in the queue is done with.
    await tx
      .update(waitlistEntries)
      .set({ status: "booked" })
      .where(and(eq(waitlistEntries.sessionId, session.id), eq(waitlistEntries.customerId, input.customerId), eq(waitlistEntries.status, "waiting")));
  } else if (!session && reward.stock !== null) {
    const taken = rowsOf(await tx.execute(sql`update rewards set stock = stock - 1 where id = ${reward.id} and stock > 0 returning id`));
    if (!taken.length) throw new RedemptionError("sold_out", "Sorry — this reward just sold out.");
  }
  return { status: "redeemed" as const, replayed: false, redemption, reward, session, ticket };
}

/** The redemption a member's request key already made, as the first submission returned it. */
async function redeemedUnder(tx: Tx, customerId: string, requestKey: string): Promise<Extract<RedeemResult, { status: "redeemed" }> | null> {
  // redemptions_request_key_unique (customer_id, request_key)
  const [row] = await tx
    .select({ redemption: redemptions, reward: rewards, session: experienceSessions, ticket: tickets })
    .from(redemptions)
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .leftJoin(experienceSessions, eq(experienceSessions.id, redemptions.sessionId))
    .leftJoin(tickets, eq(tickets.redemptionId, redemptions.id))
    .where(and(eq(redemptions.customerId, customerId), eq(redemptions.requestKey, requestKey)));
  return row ? { status: "redeemed", replayed: true, ...row } : null;
}

/** Thrown inside the transaction so it rolls back; redeem() turns it into `{ status: "full" }`. */
export class SessionFullError extends Error {
  constructor(
    readonly reward: Reward,
    readonly session: ExperienceSession,
  ) {
    super("The session is full");
    this.name = "SessionFullError";
  }
}

/**
 * The seat the waitlist holds for this member, taken by flipping their live offer to `booked`: a
 * conditional update, so an offer is used at most once and never after it expired, whatever runs
 * at the same time (a second accept, the expiry job).
 */
async function takeHeldSeat(tx: Tx, sessionId: string, customerId: string, entryId: number | undefined, now: Date): Promise<boolean> {
  const taken = await tx
    .update(waitlistEntries)
    .set({ status: "booked" })
    .where(
      and(
        eq(waitlistEntries.sessionId, sessionId),
        eq(waitlistEntries.customerId, customerId),
        eq(waitlistEntries.status, "offered"),
        sql`${waitlistEntries.offerExpiresAt} > ${now.toISOString()}`,
        entryId === undefined ? undefined : eq(waitlistEntries.id, entryId),
      ),
    )
    .returning({ id: waitlistEntries.id });
  return taken.length > 0;
}

/**
 * A seat comes back (a cancellation, an offer that expired or was declined): it goes to the first
 * member waiting, if any and if the session still takes bookings; otherwise it is free again.
 * Runs in the caller's transaction, which holds the session row (the `booked` updates lock it).
 */
export async function releaseSeatIn(tx: Tx, session: ExperienceSession, now: Date): Promise<SeatOffer | null> {
  await tx.execute(sql`update experience_sessions set booked = booked - 1 where id = ${session.id} and booked > 0`);
  return offerFreeSeatIn(tx, session, now);
}

/**
 * Holds a free seat for the first waiting member (FIFO by entry id): re-takes it with the same
 * conditional update as a booking and marks the entry `offered` until now + 24 h (or the booking
 * cut-off, if sooner). The caller emails the offer after commit.
 */
export async function offerFreeSeatIn(tx: Tx, session: ExperienceSession, now: Date): Promise<SeatOffer | null> {
  const closesAt = bookingClosesAt(session);
  if (session.mode !== "first_come" || session.status !== "scheduled" || now >= closesAt) return null;
  // waitlist_entries_session_idx (session_id, status, id)
  const [next] = await tx
    .select()
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.sessionId, session.id), eq(waitlistEntries.status, "waiting")))
    .orderBy(asc(waitlistEntries.id))
    .limit(1)
    .for("update");
  if (!next) return null;
  const taken = rowsOf(await tx.execute(sql`update experience_sessions set booked = booked + 1 where id = ${session.id} and booked < capacity and status = 'scheduled' returning id`));
  if (!taken.length) return null;
  const expiresAt = new Date(Math.min(now.getTime() + OFFER_HOURS * HOUR, closesAt.getTime()));
  await tx.update(waitlistEntries).set({ status: "offered", offeredAt: now, offerExpiresAt: expiresAt }).where(eq(waitlistEntries.id, next.id));
  return { entryId: next.id, customerId: next.customerId, sessionId: session.id, expiresAt };
}

export type CancelResult = { redemption: Redemption; session: ExperienceSession | null; offer: SeatOffer | null };

/**
 * Cancels a redemption: the seat or unit goes back, the points come back as a compensating posting.
 * Members may cancel experiences only up to the session's cut-off; admins (and session
 * cancellations) any time. A freed seat is held for the first member on the waitlist in the same
 * transaction, and their offer is emailed here, after commit, whoever cancelled.
 */
export async function cancelRedemption(input: { redemptionId: string; customerId?: string; reason: string; byAdmin?: boolean; now?: Date }): Promise<CancelResult> {
  const now = input.now ?? new Date();
  const result = await withLedgerRetry(() =>
    db.transaction(async (tx): Promise<CancelResult> => {
      const [found] = await tx.select().from(redemptions).where(eq(redemptions.id, input.redemptionId));
      if (!found || (input.customerId && found.customerId !== input.customerId)) throw new RedemptionError("not_found", "We couldn't find that redemption.");
      await lockBalance(tx, found.customerId);
      const [redemption] = await tx.select().from(redemptions).where(eq(redemptions.id, input.redemptionId)).for("update");
      if (redemption.status === "cancelled") throw new RedemptionError("already_cancelled", "This redemption was already cancelled.");
      let session: ExperienceSession | null = null;
      let offer: SeatOffer | null = null;
      if (redemption.sessionId) {
        [session] = await tx.select().from(experienceSessions).where(eq(experienceSessions.id, redemption.sessionId)).for("update");
        if (!input.byAdmin && now.getTime() >= bookingClosesAt(session).getTime()) {
          throw new RedemptionError("booking_closed", "It's too late to cancel this booking online. Please contact us.");
        }
        offer = await releaseSeatIn(tx, session, now);
      } else {
        await tx.execute(sql`update rewards set stock = stock + 1 where id = ${redemption.rewardId} and stock is not null`);
      }
      const [cancelled] = await tx.update(redemptions).set({ status: "cancelled", cancelledAt: now, cancelReason: input.reason }).where(eq(redemptions.id, redemption.id)).returning();
      await postIn(tx, {
        kind: "refund",
        key: `redemption-refund:${redemption.id}`,
        customerId: redemption.customerId,
        points: redemption.pointsCost,
        reason: "redemption_cancelled",
        memo: `Points returned: ${input.reason}`,
        metadata: { redemptionId: redemption.id },
        at: now,
      });
      return { redemption: cancelled, session, offer };
    }),
  );
  if (result.offer) await sendWaitlistOffer(result.offer);
  return result;
}

/** Seats still free in a session (for display; booking itself relies on the conditional update). */
export async function seatsLeft(sessionId: string): Promise<number> {
  const [row] = await db.select({ left: sql<number>`(${experienceSessions.capacity} - ${experienceSessions.booked})::int` }).from(experienceSessions).where(eq(experienceSessions.id, sessionId));
  return row?.left ?? 0;
}
