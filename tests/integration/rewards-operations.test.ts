import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { auditLog, drawEntries, emailOutbox, experienceSessions, redemptions, rewards, tickets, users, waitlistEntries } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/guards";
import { getBalance } from "@/lib/ledger/balances";
import { getOrCreateCustomer } from "@/lib/ledger/customers";
import { checkLedgerInvariants } from "@/lib/ledger/invariants";
import { post } from "@/lib/ledger/post";
import { attendeesCsv, cancelFulfilment, cancelSession, checkIn, csvCell, listAttendees, listFulfilmentQueue, markShipped, normalizeTicketCode } from "@/lib/rewards/operations";
import { redeem } from "@/lib/rewards/redeem";

let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => caller }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));

const actions = await import("@/lib/rewards/operations-actions");
const { GET: attendeesCsvRoute } = await import("@/app/admin/sessions/[id]/attendees.csv/route");

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function member(points: number, tag: string, name: string | null = null) {
  const customer = await getOrCreateCustomer(`${tag}-${crypto.randomUUID().slice(0, 8)}@example.com`, db, name);
  if (points > 0) await post({ kind: "earn", key: `seed:${customer.id}`, customerId: customer.id, points, reason: "purchase", memo: "Purchase" });
  return customer;
}

async function user(role: "member" | "admin"): Promise<CurrentUser> {
  const email = `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const [row] = await db.insert(users).values({ email, name: role, role }).returning();
  return { id: row.id, email, name: row.name, role };
}

/** A session ten days out, 18:00–20:00 UTC, so "the day of the session" is unambiguous. */
async function session(capacity: number, pointsCost = 300) {
  const [r] = await db.insert(rewards).values({ slug: `e-${crypto.randomUUID().slice(0, 8)}`, title: "Sunrise kayak tour", kind: "experience", status: "active", pointsCost }).returning();
  const day = new Date(Math.floor((Date.now() + 10 * DAY) / DAY) * DAY);
  const [s] = await db
    .insert(experienceSessions)
    .values({ rewardId: r.id, startsAt: new Date(day.getTime() + 18 * HOUR), endsAt: new Date(day.getTime() + 20 * HOUR), capacity })
    .returning();
  return { reward: r, session: s, doorsOpen: new Date(day.getTime() + 17.5 * HOUR) };
}

async function book(rewardId: string, sessionId: string, customerId: string) {
  const result = await redeem({ customerId, rewardId, sessionId });
  if (result.status !== "redeemed") throw new Error("not booked");
  return result;
}

async function product(values: Partial<typeof rewards.$inferInsert> = {}) {
  const [r] = await db.insert(rewards).values({ slug: `p-${crypto.randomUUID().slice(0, 8)}`, title: "Trail bottle", kind: "product", status: "active", pointsCost: 250, stock: 10, ...values }).returning();
  return r;
}

const address = { name: "Ana Example", line1: "12 Harbour Rd", city: "Sausalito", postalCode: "94965", country: "US" };

describe("check-in", () => {
  let admin: CurrentUser;
  beforeEach(async () => {
    admin ??= await user("admin");
    caller = admin;
  });

  it("checks a ticket in once: code typed in any case with spaces; the second scan says when", async () => {
    const { reward, session: s, doorsOpen } = await session(5);
    const c = await member(1000, "door", "Ana Door");
    const { ticket } = await book(reward.id, s.id, c.id);
    const typed = ` ${ticket!.code.slice(0, 4).toLowerCase()} ${ticket!.code.slice(4)} `;
    const first = await checkIn({ code: typed, actorId: admin.id, now: doorsOpen });
    expect(first).toMatchObject({ status: "checked_in", message: "Checked in", attendee: { name: "Ana Door" }, session: { id: s.id, title: "Sunrise kayak tour" } });
    const second = await checkIn({ code: ticket!.code, actorId: admin.id, now: new Date(doorsOpen.getTime() + 10 * 60_000) });
    expect(second).toMatchObject({ status: "already_checked_in", message: "Already checked in at 17:30" });
    const [row] = await db.select().from(tickets).where(eq(tickets.id, ticket!.id));
    expect(row).toMatchObject({ checkedInAt: doorsOpen, checkedInBy: admin.id });
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "ticket.checked_in"), eq(auditLog.entityId, ticket!.id)))).toHaveLength(1);
  });

  it("two doors scanning the same ticket at once: one checks in, one is told it already is", async () => {
    const { reward, session: s, doorsOpen } = await session(5);
    const { ticket } = await book(reward.id, s.id, (await member(1000, "race")).id);
    const results = await Promise.all(Array.from({ length: 6 }, () => checkIn({ code: ticket!.code, actorId: admin.id, now: doorsOpen })));
    expect(results.filter((r) => r.status === "checked_in")).toHaveLength(1);
    expect(results.filter((r) => r.status === "already_checked_in")).toHaveLength(5);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "ticket.checked_in"), eq(auditLog.entityId, ticket!.id)))).toHaveLength(1);
  });

  it("refuses a ticket for another day, a cancelled ticket and an unknown code, changing nothing", async () => {
    const { reward, session: s, doorsOpen } = await session(5);
    const { ticket, redemption } = await book(reward.id, s.id, (await member(1000, "wrongday")).id);
    expect(await checkIn({ code: ticket!.code, actorId: admin.id, now: new Date(doorsOpen.getTime() - DAY) })).toMatchObject({ status: "not_today", message: "Not valid for today's sessions" });
    expect(await checkIn({ code: "ZZZZ9999", actorId: admin.id, now: doorsOpen })).toMatchObject({ status: "not_found" });
    await db.update(redemptions).set({ status: "cancelled" }).where(eq(redemptions.id, redemption.id));
    expect(await checkIn({ code: ticket!.code, actorId: admin.id, now: doorsOpen })).toMatchObject({ status: "cancelled", message: "Ticket cancelled" });
    const [row] = await db.select().from(tickets).where(eq(tickets.id, ticket!.id));
    expect(row.checkedInAt).toBeNull();
  });

  it("normalises codes and escapes CSV cells", () => {
    expect(normalizeTicketCode(" ab cd-ef 12 ")).toBe("ABCDEF12");
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
  });
});

describe("attendees and session cancellation", () => {
  let admin: CurrentUser;
  beforeEach(async () => {
    admin ??= await user("admin");
    caller = admin;
  });

  it("lists attendees and exports them as an attachment CSV to admins only", async () => {
    const { reward, session: s } = await session(5);
    await book(reward.id, s.id, (await member(1000, "csv1", 'Zoë "Z" Quote, Jr.')).id);
    await book(reward.id, s.id, (await member(1000, "csv2", "Ana Able")).id);
    const attendees = await listAttendees(s.id);
    expect(attendees.map((a) => a.name)).toEqual(["Ana Able", 'Zoë "Z" Quote, Jr.']);
    expect(attendeesCsv(attendees).split("\r\n")[2]).toMatch(/^"Zoë ""Z"" Quote, Jr\.",csv1-/);

    const call = () => attendeesCsvRoute(new Request(`http://localhost/admin/sessions/${s.id}/attendees.csv`), { params: Promise.resolve({ id: s.id }) });
    const response = await call();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="attendees-.+\.csv"$/);
    expect((await response.text()).startsWith("name,email,ticket_code,checked_in_at,booked_at,points\r\n")).toBe(true);
    caller = await user("member");
    expect((await call()).status).toBe(403);
    caller = null;
    expect((await call()).status).toBe(401);
  });

  it("cancelling a session refunds every booking exactly, frees the seats, closes waitlist and draw entries, emails attendees", async () => {
    const { reward, session: s } = await session(3, 400);
    const people = await Promise.all([member(1000, "c1"), member(400, "c2"), member(2500, "c3")]);
    for (const p of people) await book(reward.id, s.id, p.id);
    const waiting = await member(1000, "wait");
    await db.insert(waitlistEntries).values({ sessionId: s.id, customerId: waiting.id });
    // An offer holds a seat of its own (booked + 1 without a redemption) until it is taken up or closed.
    const offered = await member(1000, "offered");
    await db.update(experienceSessions).set({ capacity: 4 }).where(eq(experienceSessions.id, s.id));
    await db.execute(sql`update experience_sessions set booked = booked + 1 where id = ${s.id}`);
    await db.insert(waitlistEntries).values({ sessionId: s.id, customerId: offered.id, status: "offered", offeredAt: new Date(), offerExpiresAt: new Date(Date.now() + DAY) });
    await db.insert(drawEntries).values({ sessionId: s.id, customerId: waiting.id });

    const result = await actions.cancelSessionAction({ sessionId: s.id, reason: "Storm warning for the bay" });
    expect(result).toMatchObject({ ok: true, data: { status: "cancelled", refunded: 3, emailed: 3 } });
    for (const [i, p] of people.entries()) expect((await getBalance(p.id)).available).toBe([1000, 400, 2500][i]);
    const [after] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, s.id));
    expect(after).toMatchObject({ status: "cancelled", booked: 0 });
    expect(await db.select().from(redemptions).where(and(eq(redemptions.sessionId, s.id), sql`${redemptions.status} <> 'cancelled'`))).toHaveLength(0);
    expect((await db.select().from(waitlistEntries).where(eq(waitlistEntries.sessionId, s.id))).map((w) => w.status)).toEqual(["expired", "expired"]);
    expect((await db.select().from(drawEntries).where(eq(drawEntries.sessionId, s.id)))[0].result).toBe("lost");
    const mail = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "session-cancelled"));
    expect(mail.map((m) => m.to).sort()).toEqual(people.map((p) => p.email).sort());
    expect(mail.every((m) => m.text.includes("Storm warning for the bay"))).toBe(true);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "session.cancelled"), eq(auditLog.entityId, s.id)));
    expect(audit).toMatchObject({ actorId: admin.id, reason: "Storm warning for the bay" });
    expect(await checkLedgerInvariants()).toEqual([]);

    // Again: nothing more is refunded or sent.
    expect(await cancelSession({ sessionId: s.id, reason: "Storm warning for the bay", actorId: admin.id })).toEqual({ status: "already_cancelled", refunded: 0, emailed: 0 });
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.template, "session-cancelled"))).toHaveLength(3);
    // A ticket of the cancelled session no longer checks in.
    const [t] = await db.select({ code: tickets.code }).from(tickets).innerJoin(redemptions, eq(redemptions.id, tickets.redemptionId)).where(eq(redemptions.sessionId, s.id)).limit(1);
    expect(await checkIn({ code: t.code, actorId: admin.id, now: new Date(s.startsAt.getTime() - HOUR) })).toMatchObject({ status: "cancelled" });
  });

  it("requires a reason", async () => {
    const { session: s } = await session(1);
    expect(await actions.cancelSessionAction({ sessionId: s.id, reason: " " })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { reason: expect.any(Array) } });
    const [after] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, s.id));
    expect(after.status).toBe("scheduled");
  });
});

describe("fulfilment", () => {
  let admin: CurrentUser;
  beforeEach(async () => {
    admin ??= await user("admin");
    caller = admin;
  });

  it("queues pending products oldest first with the address; ships with a tracking number and emails the member", async () => {
    const bottle = await product();
    const a = await member(1000, "ship-a", "Ana Ship");
    const b = await member(1000, "ship-b");
    const first = await redeem({ customerId: a.id, rewardId: bottle.id, shippingAddress: address, now: new Date(Date.now() - HOUR) });
    await redeem({ customerId: b.id, rewardId: bottle.id, shippingAddress: address });
    if (first.status !== "redeemed") throw new Error("not redeemed");
    const queue = await listFulfilmentQueue();
    const mine = queue.items.filter((i) => [a.email, b.email].includes(i.email));
    expect(mine.map((i) => i.email)).toEqual([a.email, b.email]);
    expect(mine[0].address).toBe("Ana Example, 12 Harbour Rd, Sausalito, 94965, US");

    const shipped = await actions.markShippedAction({ redemptionId: first.redemption.id, trackingNumber: "1Z999AA10123456784" });
    expect(shipped).toMatchObject({ ok: true, data: { status: "fulfilled" } });
    const [row] = await db.select().from(redemptions).where(eq(redemptions.id, first.redemption.id));
    expect(row).toMatchObject({ status: "fulfilled", trackingNumber: "1Z999AA10123456784" });
    expect(row.fulfilledAt).not.toBeNull();
    const [mail] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, "order-shipped"), eq(emailOutbox.to, a.email)));
    expect(mail.text).toContain("1Z999AA10123456784");
    // A second admin acting on it gets a clear refusal; nothing changes.
    expect(await actions.markFulfilledAction({ redemptionId: first.redemption.id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await actions.cancelFulfilmentAction({ redemptionId: first.redemption.id, reason: "Too late" })).toMatchObject({ ok: false, code: "conflict" });
    expect((await getBalance(a.id)).available).toBe(750);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.entityId, first.redemption.id)))).toHaveLength(1);
  });

  it("marks a service fulfilled once, even when two admins click at the same time", async () => {
    const massage = await product({ kind: "service", title: "Bike tune-up", stock: null });
    const c = await member(1000, "svc");
    const r = await redeem({ customerId: c.id, rewardId: massage.id });
    if (r.status !== "redeemed") throw new Error("not redeemed");
    const results = await Promise.all([actions.markFulfilledAction({ redemptionId: r.redemption.id }), actions.markFulfilledAction({ redemptionId: r.redemption.id })]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(results.filter((x) => !x.ok && x.code === "conflict")).toHaveLength(1);
  });

  it("cancels with the points back and the unit back in stock; shipping and cancelling at once act once", async () => {
    const bottle = await product({ stock: 5 });
    const c = await member(1000, "refund");
    const r = await redeem({ customerId: c.id, rewardId: bottle.id, shippingAddress: address });
    if (r.status !== "redeemed") throw new Error("not redeemed");
    expect(await actions.cancelFulfilmentAction({ redemptionId: r.redemption.id, reason: "" })).toMatchObject({ ok: false, code: "invalid_input" });
    const result = await actions.cancelFulfilmentAction({ redemptionId: r.redemption.id, reason: "Out of stock at the warehouse" });
    expect(result).toMatchObject({ ok: true, data: { status: "cancelled" } });
    expect((await getBalance(c.id)).available).toBe(1000);
    expect((await db.select().from(rewards).where(eq(rewards.id, bottle.id)))[0].stock).toBe(5);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "redemption.cancelled"), eq(auditLog.entityId, r.redemption.id)));
    expect(audit).toMatchObject({ actorId: admin.id, reason: "Out of stock at the warehouse" });

    // Race: one admin ships while another cancels: exactly one wins, and the points match what happened.
    const r2 = await redeem({ customerId: c.id, rewardId: bottle.id, shippingAddress: address });
    if (r2.status !== "redeemed") throw new Error("not redeemed");
    const [ship, cancel] = await Promise.allSettled([
      markShipped({ redemptionId: r2.redemption.id, trackingNumber: "TRACK123", actorId: admin.id }),
      cancelFulfilment({ redemptionId: r2.redemption.id, reason: "Changed our mind", actorId: admin.id }),
    ]);
    expect([ship.status, cancel.status].filter((s) => s === "fulfilled")).toHaveLength(1);
    const [row] = await db.select().from(redemptions).where(eq(redemptions.id, r2.redemption.id));
    expect((await getBalance(c.id)).available).toBe(row.status === "cancelled" ? 1000 : 750);
    expect(await checkLedgerInvariants()).toEqual([]);
  });
});

describe("every operations action is for admins only", () => {
  it("refuses members (forbidden) and visitors (unauthenticated), changing nothing", async () => {
    const { reward, session: s } = await session(2);
    const c = await member(1000, "guard");
    const { ticket } = await book(reward.id, s.id, c.id);
    const bottle = await product();
    const r = await redeem({ customerId: c.id, rewardId: bottle.id, shippingAddress: address });
    if (r.status !== "redeemed") throw new Error("not redeemed");
    const calls = [
      () => actions.checkInAction({ code: ticket!.code }),
      () => actions.cancelSessionAction({ sessionId: s.id, reason: "Not allowed" }),
      () => actions.markShippedAction({ redemptionId: r.redemption.id, trackingNumber: "TRACK123" }),
      () => actions.markFulfilledAction({ redemptionId: r.redemption.id }),
      () => actions.cancelFulfilmentAction({ redemptionId: r.redemption.id, reason: "Not allowed" }),
    ];
    caller = await user("member");
    for (const call of calls) expect(await call()).toMatchObject({ ok: false, code: "forbidden" });
    caller = null;
    for (const call of calls) expect(await call()).toMatchObject({ ok: false, code: "unauthenticated" });
    const [t] = await db.select().from(tickets).where(eq(tickets.id, ticket!.id));
    expect(t.checkedInAt).toBeNull();
    expect((await db.select().from(experienceSessions).where(eq(experienceSessions.id, s.id)))[0].status).toBe("scheduled");
    expect((await db.select().from(redemptions).where(eq(redemptions.id, r.redemption.id)))[0].status).toBe("pending");
  });
});
