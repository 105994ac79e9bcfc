import "server-only";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { db } from "@/db";
import { experienceSessions, redemptions, rewards, tiers, waitlistEntries, type ExperienceSession } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import { withLedgerRetry } from "@/lib/ledger/post";
import { memberStanding, rewardAvailability } from "./access";
import { RedemptionError } from "./errors";
import { sendWaitlistOffer, type SeatOffer } from "./notify";
import { bookingClosesAt, redeem, releaseSeatIn, type RedeemResult } from "./redeem";

/**
 * The waitlist of a full first-come session, first in first out. A seat that comes back is held for
 * the first waiting member (redeem.ts `releaseSeatIn`, in the transaction that freed it) for 24
 * hours; accepting books them on it through the one booking path (`redeem` with `offerEntryId`);
 * an offer left to expire passes the seat to the next in line (the nightly `expireStaleOffers`).
 */

export type WaitlistPlace = { entryId: number; position: number; status: "waiting" | "offered" };

async function positionOf(entryId: number, sessionId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(waitlistEntries)
    // waitlist_entries_session_idx (session_id, status, id)
    .where(and(eq(waitlistEntries.sessionId, sessionId), inArray(waitlistEntries.status, ["waiting", "offered"]), lte(waitlistEntries.id, entryId)));
  return n;
}

/**
 * Joins the waitlist of a full session. One live place per member per session: the partial unique
 * index makes a second join (a double click, two tabs) return the first place.
 */
export async function joinWaitlist(input: { customerId: string; sessionId: string; now?: Date }): Promise<WaitlistPlace> {
  const now = input.now ?? new Date();
  const [row] = await db
    .select({ session: experienceSessions, reward: rewards })
    .from(experienceSessions)
    .innerJoin(rewards, eq(rewards.id, experienceSessions.rewardId))
    .where(eq(experienceSessions.id, input.sessionId));
  if (!row || row.session.status !== "scheduled" || row.reward.status !== "active") throw new RedemptionError("not_found", "That session isn't available.");
  const { session, reward } = row;
  if (session.mode !== "first_come") throw new RedemptionError("not_available", "This session is allocated by a fair draw: enter the draw instead.");
  if (now >= bookingClosesAt(session)) throw new RedemptionError("booking_closed", "Booking for this session has closed.");

  // The same gate as booking: a place in the queue the member could never use helps no one.
  const [standing, rankRows] = await Promise.all([memberStanding(db, input.customerId), db.select({ id: tiers.id, rank: tiers.sortOrder }).from(tiers)]);
  const availability = rewardAvailability(reward, standing, Object.fromEntries(rankRows.map((r) => [r.id, r.rank])), now);
  if (!availability.open) throw new RedemptionError(availability.reason === "tier_locked" || availability.reason === "members_only" ? availability.reason : "not_available", "This reward isn't open to you yet.");

  const [booked] = await db
    .select({ id: redemptions.id })
    .from(redemptions)
    .where(and(eq(redemptions.customerId, input.customerId), eq(redemptions.sessionId, session.id), sql`${redemptions.status} <> 'cancelled'`))
    .limit(1);
  if (booked) throw new RedemptionError("limit_reached", "You've already booked this session.");
  if (session.booked < session.capacity) throw new RedemptionError("not_available", "Seats are free on this session: book one instead.");

  await db.insert(waitlistEntries).values({ sessionId: session.id, customerId: input.customerId, createdAt: now }).onConflictDoNothing();
  const [entry] = await db
    .select()
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.sessionId, session.id), eq(waitlistEntries.customerId, input.customerId), inArray(waitlistEntries.status, ["waiting", "offered"])));
  return { entryId: entry.id, position: await positionOf(entry.id, session.id), status: entry.status as "waiting" | "offered" };
}

/** Leaves the waitlist; a seat held for the member passes to the next in line. */
export async function leaveWaitlist(input: { customerId: string; entryId: number; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const offer = await withLedgerRetry(() =>
    db.transaction(async (tx) => {
      const [entry] = await tx.select().from(waitlistEntries).where(and(eq(waitlistEntries.id, input.entryId), eq(waitlistEntries.customerId, input.customerId)));
      if (!entry) throw new RedemptionError("not_found", "You're not on this waitlist.");
      // Session row first, then the entry: the order cancellations take them in.
      const [session] = await tx.select().from(experienceSessions).where(eq(experienceSessions.id, entry.sessionId)).for("update");
      const [left] = await tx
        .update(waitlistEntries)
        .set({ status: "left" })
        .where(and(eq(waitlistEntries.id, entry.id), inArray(waitlistEntries.status, ["waiting", "offered"])))
        .returning({ id: waitlistEntries.id });
      if (!left || entry.status !== "offered") return null;
      return releaseSeatIn(tx, session, now);
    }),
  );
  if (offer) await sendWaitlistOffer(offer);
}

/**
 * Books the member on the seat held for them. Exactly once: the held seat is taken by a conditional
 * update of the entry, under the member's balance lock, so a second accept finds the booking.
 * An offer past its time is expired on the spot and the seat passed on; the member is told so.
 */
export async function acceptOffer(input: { customerId: string; entryId: number; now?: Date }): Promise<Extract<RedeemResult, { status: "redeemed" }>> {
  const now = input.now ?? new Date();
  const [row] = await db
    .select({ entry: waitlistEntries, rewardId: experienceSessions.rewardId })
    .from(waitlistEntries)
    .innerJoin(experienceSessions, eq(experienceSessions.id, waitlistEntries.sessionId))
    .where(and(eq(waitlistEntries.id, input.entryId), eq(waitlistEntries.customerId, input.customerId)));
  if (!row) throw new RedemptionError("not_found", "We couldn't find that offer.");
  const { entry } = row;
  const expiredText = (at: Date | null) => `This offer expired${at ? ` at ${formatDateTime(at)}` : ""}, and the seat went to the next person on the waitlist.`;
  if (entry.status === "booked") throw new RedemptionError("limit_reached", "You've already accepted this seat: your ticket is in your redemptions.");
  if (entry.status === "expired") throw new RedemptionError("not_available", expiredText(entry.offerExpiresAt));
  if (entry.status !== "offered") throw new RedemptionError("not_found", "There's no seat held for you on this session yet.");
  if (entry.offerExpiresAt && entry.offerExpiresAt <= now) {
    await expireStaleOffers(now, { entryId: entry.id });
    throw new RedemptionError("not_available", expiredText(entry.offerExpiresAt));
  }
  const result = await redeem({ customerId: input.customerId, rewardId: row.rewardId, sessionId: entry.sessionId, offerEntryId: entry.id, now });
  // With a held seat the booking never comes back "full"; this only narrows the type.
  if (result.status !== "redeemed") throw new RedemptionError("not_available", "This offer is no longer open.");
  return result;
}

export type OfferExpiry = { expired: number; offered: number };

/**
 * Expires offers past their time: each releases its held seat, which goes to the next member
 * waiting (emailed after commit) or becomes free. Idempotent: an offer expires once (conditional
 * update on its status), so a doubled run or a racing accept changes nothing more.
 */
export async function expireStaleOffers(now: Date = new Date(), only: { entryId?: number } = {}): Promise<OfferExpiry> {
  const due = await db
    .select({ id: waitlistEntries.id, sessionId: waitlistEntries.sessionId })
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.status, "offered"), lte(waitlistEntries.offerExpiresAt, now), only.entryId === undefined ? undefined : eq(waitlistEntries.id, only.entryId)))
    .orderBy(asc(waitlistEntries.id));
  const result: OfferExpiry = { expired: 0, offered: 0 };
  for (const { id, sessionId } of due) {
    const outcome = await withLedgerRetry(() =>
      db.transaction(async (tx): Promise<{ expired: boolean; offer: SeatOffer | null }> => {
        const [session] = await tx.select().from(experienceSessions).where(eq(experienceSessions.id, sessionId)).for("update");
        const [expired] = await tx
          .update(waitlistEntries)
          .set({ status: "expired" })
          .where(and(eq(waitlistEntries.id, id), eq(waitlistEntries.status, "offered"), lte(waitlistEntries.offerExpiresAt, now)))
          .returning({ id: waitlistEntries.id });
        if (!expired) return { expired: false, offer: null };
        return { expired: true, offer: await releaseSeatIn(tx, session as ExperienceSession, now) };
      }),
    );
    if (outcome.expired) result.expired++;
    if (outcome.offer) {
      result.offered++;
      await sendWaitlistOffer(outcome.offer);
    }
  }
  return result;
}
