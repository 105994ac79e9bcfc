import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { customers, experienceSessions, redemptions, rewards, tickets } from "@/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { RedemptionConfirmedEmail } from "@/lib/email/templates/redemption-confirmed";
import { WaitlistOfferEmail } from "@/lib/email/templates/waitlist-offer";
import { getEnv } from "@/lib/env";
import { formatDateTime, formatPoints } from "@/lib/format";
import { formatAddress, formatSessionWhen, sessionPlace } from "./catalog";
import { bookingCalendar } from "./ics";

/** A seat held for a waitlisted member until `expiresAt`. */
export type SeatOffer = { entryId: number; customerId: string; sessionId: string; expiresAt: Date };

/**
 * Emails after commit (DESIGN invariant 8). Each reads what it needs fresh from the database, so a
 * caller only passes ids, and never throws into the request: the change it reports has happened.
 */

/** The confirmation every redemption gets: the code, the shipping address, or the ticket with an .ics invitation. */
export async function sendRedemptionConfirmation(redemptionId: string): Promise<void> {
  try {
    const [row] = await db
      .select({ redemption: redemptions, reward: rewards, customer: customers, session: experienceSessions, ticket: tickets })
      .from(redemptions)
      .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
      .innerJoin(customers, eq(customers.id, redemptions.customerId))
      .leftJoin(experienceSessions, eq(experienceSessions.id, redemptions.sessionId))
      .leftJoin(tickets, eq(tickets.redemptionId, redemptions.id))
      .where(eq(redemptions.id, redemptionId));
    if (!row) return;
    const { redemption, reward, customer, session, ticket } = row;
    const detailsUrl = `${getEnv().APP_URL}/redemptions/${redemption.id}`;
    const booking = session && ticket ? { when: formatSessionWhen(session), where: sessionPlace(session), ticketCode: ticket.code } : null;
    const attachments =
      session && ticket
        ? [
            {
              filename: "booking.ics",
              contentType: "text/calendar; charset=utf-8; method=PUBLISH",
              content: bookingCalendar({
                ticketId: ticket.id,
                title: reward.title,
                description: `Ticket ${ticket.code}. Show the QR code on your ticket page at the door: ${detailsUrl}`,
                startsAt: session.startsAt,
                endsAt: session.endsAt,
                location: session.location ?? session.onlineUrl,
                url: detailsUrl,
              }),
            },
          ]
        : undefined;
    await sendEmail({
      to: customer.email,
      subject: booking ? `You're booked: ${reward.title}` : redemption.code ? `Your code for ${reward.title}` : `Redeemed: ${reward.title}`,
      template: "redemption-confirmed",
      react: RedemptionConfirmedEmail({
        name: customer.name?.split(" ")[0] ?? null,
        rewardTitle: reward.title,
        points: formatPoints(redemption.pointsCost),
        code: redemption.code,
        booking,
        shipsTo: redemption.shippingAddress ? formatAddress(redemption.shippingAddress) : null,
        detailsUrl,
      }),
      attachments,
    });
  } catch (error) {
    console.error("[rewards] could not send the redemption confirmation", { redemptionId, error });
  }
}

/** Tells a waitlisted member a seat is held for them, with the link to accept it. */
export async function sendWaitlistOffer(offer: SeatOffer): Promise<void> {
  try {
    const [row] = await db
      .select({ customer: customers, session: experienceSessions, reward: rewards })
      .from(experienceSessions)
      .innerJoin(rewards, eq(rewards.id, experienceSessions.rewardId))
      .innerJoin(customers, eq(customers.id, offer.customerId))
      .where(eq(experienceSessions.id, offer.sessionId));
    if (!row) return;
    const { customer, session, reward } = row;
    await sendEmail({
      to: customer.email,
      subject: `A seat opened up: ${reward.title}`,
      template: "waitlist-offer",
      react: WaitlistOfferEmail({
        name: customer.name?.split(" ")[0] ?? null,
        rewardTitle: reward.title,
        when: formatSessionWhen(session),
        where: sessionPlace(session),
        points: formatPoints(session.pointsCost ?? reward.pointsCost),
        expiresAt: formatDateTime(offer.expiresAt),
        acceptUrl: `${getEnv().APP_URL}/rewards/${reward.slug}#session-${session.id}`,
      }),
    });
  } catch (error) {
    console.error("[rewards] could not send the waitlist offer", { offer, error });
  }
}
