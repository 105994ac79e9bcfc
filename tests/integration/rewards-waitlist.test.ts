import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { emailOutbox, experienceSessions, redemptions, rewards, tickets, users, waitlistEntries } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/guards";
import { getBalance } from "@/lib/ledger/balances";
import { customerForUser } from "@/lib/ledger/customers";
import { checkLedgerInvariants } from "@/lib/ledger/invariants";
import { post } from "@/lib/ledger/post";

let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => caller }));
// revalidatePath needs Next's request store; the tests call the actions directly.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));

const { cancelBookingAction, redeemRewardAction } = await import("@/lib/rewards/actions");
const { cancelRedemption, redeem } = await import("@/lib/rewards/redeem");
const { acceptOffer, expireStaleOffers, joinWaitlist, leaveWaitlist } = await import("@/lib/rewards/waitlist");
const { runDailyJobs } = await import("@/lib/cron/daily");

const HOUR = 3_600_000;
const uid = () => crypto.randomUUID().slice(0, 8);

async function member(points: number, tag: string) {
  const [user] = await db.insert(users).values({ email: `${tag}-${uid()}@example.com`, name: `${tag} Tester` }).returning();
  const customer = await customerForUser(user);
  if (points > 0) await post({ kind: "earn", key: `seed:${customer.id}`, customerId: customer.id, points, reason: "purchase", memo: "Purchase" });
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role } as CurrentUser, customerId: customer.id, email: user.email };
}

async function experience(capacity: number, { pointsCost = 300, startsInHours = 72 } = {}) {
  const [reward] = await db
    .insert(rewards)
    .values({ slug: `kayak-${uid()}`, title: "Sunrise kayak tour", kind: "experience", status: "active", pointsCost })
    .returning();
  const [session] = await db
    .insert(experienceSessions)
    .values({
      rewardId: reward.id,
      startsAt: new Date(Date.now() + startsInHours * HOUR),
      endsAt: new Date(Date.now() + (startsInHours + 3) * HOUR),
      timeZone: "America/Los_Angeles",
      location: "Harbor boathouse, Dock 3",
      capacity,
      cutoffHours: 24,
    })
    .returning();
  return { reward, session };
}

async function book(customerId: string, reward: { id: string }, session: { id: string }, now?: Date) {
  const result = await redeem({ customerId, rewardId: reward.id, sessionId: session.id, now });
  if (result.status !== "redeemed") throw new Error(`expected a booking, got ${result.status}`);
  return result;
}

const entryOf = async (customerId: string, sessionId: string) =>
  (await db.select().from(waitlistEntries).where(and(eq(waitlistEntries.customerId, customerId), eq(waitlistEntries.sessionId, sessionId))).orderBy(sql`id desc`))[0];
const bookedOf = async (sessionId: string) => (await db.select().from(experienceSessions).where(eq(experienceSessions.id, sessionId)))[0].booked;
const mailTo = (email: string, template: string) => db.select().from(emailOutbox).where(and(eq(emailOutbox.to, email), eq(emailOutbox.template, template)));

beforeEach(() => {
  caller = null;
});

describe("waitlist", () => {
  it("keeps one live place per member and refuses to queue for a session with free seats", async () => {
    const { reward, session } = await experience(1);
    const a = await member(1000, "a");
    const b = await member(1000, "b");
    await expect(joinWaitlist({ customerId: b.customerId, sessionId: session.id })).rejects.toMatchObject({ code: "not_available" });
    await book(a.customerId, reward, session);
    await expect(joinWaitlist({ customerId: a.customerId, sessionId: session.id })).rejects.toMatchObject({ code: "limit_reached" });
    const first = await joinWaitlist({ customerId: b.customerId, sessionId: session.id });
    const again = await joinWaitlist({ customerId: b.customerId, sessionId: session.id });
    expect(again).toEqual(first);
    expect(first).toMatchObject({ position: 1, status: "waiting" });
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(waitlistEntries).where(eq(waitlistEntries.sessionId, session.id));
    expect(n).toBe(1);
  });

  it("on a cancellation holds the seat for the first waiting member (FIFO), emails the offer, and a new booker finds it full", async () => {
    const { reward, session } = await experience(1);
    const a = await member(1000, "holder");
    const b = await member(1000, "first");
    const c = await member(1000, "second");
    const d = await member(1000, "late");
    const booking = await book(a.customerId, reward, session);
    expect((await joinWaitlist({ customerId: b.customerId, sessionId: session.id })).position).toBe(1);
    expect((await joinWaitlist({ customerId: c.customerId, sessionId: session.id })).position).toBe(2);

    const before = Date.now();
    const cancelled = await cancelRedemption({ redemptionId: booking.redemption.id, customerId: a.customerId, reason: "Changed plans" });
    expect(cancelled.offer).toMatchObject({ customerId: b.customerId, sessionId: session.id });
    const offered = await entryOf(b.customerId, session.id);
    expect(offered.status).toBe("offered");
    expect(offered.offerExpiresAt!.getTime() - before).toBeGreaterThanOrEqual(24 * HOUR - 1000);
    expect(offered.offerExpiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(24 * HOUR);
    expect((await entryOf(c.customerId, session.id)).status).toBe("waiting");
    expect(await bookedOf(session.id)).toBe(1); // the seat stays taken, held for B

    const [offer] = await mailTo(b.email, "waitlist-offer");
    expect(offer.subject).toBe("A seat opened up: Sunrise kayak tour");
    expect(offer.html).toContain(`/rewards/${reward.slug}`);
    expect(await mailTo(c.email, "waitlist-offer")).toHaveLength(0);

    const late = await redeem({ customerId: d.customerId, rewardId: reward.id, sessionId: session.id });
    expect(late.status).toBe("full");
    expect((await getBalance(d.customerId)).available).toBe(1000);
    expect((await getBalance(a.customerId)).available).toBe(1000);
  });

  it("books an accepted offer exactly once, even for two concurrent accepts", async () => {
    const { reward, session } = await experience(1, { pointsCost: 400 });
    const a = await member(1000, "holder");
    const b = await member(1000, "waiter");
    const booking = await book(a.customerId, reward, session);
    const place = await joinWaitlist({ customerId: b.customerId, sessionId: session.id });
    await cancelRedemption({ redemptionId: booking.redemption.id, reason: "Admin moved the booking", byAdmin: true });

    const results = await Promise.allSettled([acceptOffer({ customerId: b.customerId, entryId: place.entryId }), acceptOffer({ customerId: b.customerId, entryId: place.entryId })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "limit_reached" });

    const mine = await db.select().from(redemptions).where(and(eq(redemptions.customerId, b.customerId), eq(redemptions.sessionId, session.id)));
    expect(mine).toHaveLength(1);
    expect(mine[0].status).toBe("fulfilled");
    expect(await db.select().from(tickets).where(eq(tickets.redemptionId, mine[0].id))).toHaveLength(1);
    expect((await entryOf(b.customerId, session.id)).status).toBe("booked");
    expect(await bookedOf(session.id)).toBe(1);
    expect((await getBalance(b.customerId)).available).toBe(600);
    expect(await checkLedgerInvariants()).toEqual([]);
  });

  it("tells a member who can no longer afford the seat, and keeps it held for them until it expires", async () => {
    const { reward, session } = await experience(1, { pointsCost: 800 });
    const a = await member(1000, "holder");
    const b = await member(500, "short");
    const booking = await book(a.customerId, reward, session);
    const place = await joinWaitlist({ customerId: b.customerId, sessionId: session.id });
    await cancelRedemption({ redemptionId: booking.redemption.id, customerId: a.customerId, reason: "Changed plans" });
    await expect(acceptOffer({ customerId: b.customerId, entryId: place.entryId })).rejects.toMatchObject({ code: "insufficient_points", message: "You need 300 more points (you have 500)." });
    expect((await entryOf(b.customerId, session.id)).status).toBe("offered");
    expect(await bookedOf(session.id)).toBe(1);
  });

  it("passes an expired offer to the next in line (nightly job), frees the seat when no one is left, and refuses the late accept", async () => {
    const { reward, session } = await experience(1, { startsInHours: 24 * 10 });
    const a = await member(1000, "holder");
    const b = await member(1000, "sleepy");
    const c = await member(1000, "next");
    const booking = await book(a.customerId, reward, session);
    const bPlace = await joinWaitlist({ customerId: b.customerId, sessionId: session.id });
    const cPlace = await joinWaitlist({ customerId: c.customerId, sessionId: session.id });
    await cancelRedemption({ redemptionId: booking.redemption.id, customerId: a.customerId, reason: "Changed plans" });

    // Not yet due: nothing moves.
    expect(await expireStaleOffers(new Date(Date.now() + 23 * HOUR))).toEqual({ expired: 0, offered: 0 });

    const later = new Date(Date.now() + 25 * HOUR);
    const daily = await runDailyJobs(later);
    expect(daily.errors).toEqual([]);
    // (offers left by the earlier tests in this file expire in the same run)
    expect(daily.waitlist?.expired).toBeGreaterThanOrEqual(1);
    expect(daily.waitlist?.offered).toBeGreaterThanOrEqual(1);
    expect((await entryOf(b.customerId, session.id)).status).toBe("expired");
    expect((await entryOf(c.customerId, session.id)).status).toBe("offered");
    expect(await mailTo(c.email, "waitlist-offer")).toHaveLength(1);
    expect(await bookedOf(session.id)).toBe(1);
    await expect(acceptOffer({ customerId: b.customerId, entryId: bPlace.entryId, now: later })).rejects.toMatchObject({ code: "not_available", message: expect.stringContaining("expired") });

    // Run again: idempotent.
    expect((await runDailyJobs(later)).waitlist).toEqual({ expired: 0, offered: 0 });

    // C lets it lapse too, at accept time: expired on the spot, and with nobody left the seat is free.
    const muchLater = new Date(later.getTime() + 25 * HOUR);
    await expect(acceptOffer({ customerId: c.customerId, entryId: cPlace.entryId, now: muchLater })).rejects.toMatchObject({ code: "not_available" });
    expect((await entryOf(c.customerId, session.id)).status).toBe("expired");
    expect(await bookedOf(session.id)).toBe(0);
    expect((await getBalance(c.customerId)).available).toBe(1000);
  });

  it("a declined offer passes on at once", async () => {
    const { reward, session } = await experience(1);
    const a = await member(1000, "holder");
    const b = await member(1000, "decliner");
    const c = await member(1000, "taker");
    const booking = await book(a.customerId, reward, session);
    const bPlace = await joinWaitlist({ customerId: b.customerId, sessionId: session.id });
    const cPlace = await joinWaitlist({ customerId: c.customerId, sessionId: session.id });
    await cancelRedemption({ redemptionId: booking.redemption.id, customerId: a.customerId, reason: "Changed plans" });
    await leaveWaitlist({ customerId: b.customerId, entryId: bPlace.entryId });
    expect((await entryOf(b.customerId, session.id)).status).toBe("left");
    expect((await entryOf(c.customerId, session.id)).status).toBe("offered");
    const accepted = await acceptOffer({ customerId: c.customerId, entryId: cPlace.entryId });
    expect(accepted.ticket).not.toBeNull();
    expect(await bookedOf(session.id)).toBe(1);
  });

  it("enforces the cut-off when a member cancels through the action, and lets an admin cancel after it", async () => {
    const { reward, session } = await experience(1, { startsInHours: 10 }); // cut-off (24 h) already passed
    const a = await member(1000, "late");
    const booking = await book(a.customerId, reward, session, new Date(Date.now() - 48 * HOUR));
    caller = a.user;
    const refused = await cancelBookingAction({ redemptionId: booking.redemption.id });
    expect(refused).toMatchObject({ ok: false, error: "It's too late to cancel this booking online. Please contact us." });
    expect((await getBalance(a.customerId)).available).toBe(700);
    expect(await bookedOf(session.id)).toBe(1);

    // Someone else's booking is not found, whoever asks.
    caller = (await member(0, "other")).user;
    expect(await cancelBookingAction({ redemptionId: booking.redemption.id })).toMatchObject({ ok: false, code: "not_found" });

    await cancelRedemption({ redemptionId: booking.redemption.id, reason: "Weather", byAdmin: true });
    expect((await getBalance(a.customerId)).available).toBe(1000);
  });

  it("emails a booking confirmation with an .ics invitation (UID = ticket id, times in UTC)", async () => {
    const { reward, session } = await experience(8, { pointsCost: 800 });
    const a = await member(5000, "ics");
    caller = a.user;
    // A booking goes on to its ticket page: the action ends in Next's redirect.
    await expect(redeemRewardAction({ rewardId: reward.id, sessionId: session.id, requestKey: crypto.randomUUID() })).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
    const [redemption] = await db.select().from(redemptions).where(eq(redemptions.customerId, a.customerId));
    const [ticket] = await db.select().from(tickets).where(eq(tickets.redemptionId, redemption.id));
    const [mail] = await mailTo(a.email, "redemption-confirmed");
    expect(mail.subject).toBe("You're booked: Sunrise kayak tour");
    expect(mail.html).toContain(ticket.code);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: "booking.ics", contentType: expect.stringContaining("text/calendar") });
    const ics = Buffer.from(mail.attachments[0].contentBase64, "base64").toString("utf8");
    const utc = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain(`UID:${ticket.id}`);
    expect(ics).toContain(`DTSTART:${utc(session.startsAt)}`);
    expect(ics).toContain(`DTEND:${utc(session.endsAt)}`);
    expect(ics).toContain("LOCATION:Harbor boathouse\\, Dock 3");
    expect(ics.replace(/\r\n[ \t]/g, "")).toContain(`/redemptions/${redemption.id}`);
  });
});
