import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, count, eq } from "drizzle-orm";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import {
  auditLog,
  emailOutbox,
  integrations,
  orders,
  redemptions,
  rewards,
  stripeEventFailures,
  stripeEvents,
  users,
} from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/guards";
import { checkoutSessionHandler } from "@/lib/billing/webhooks/handlers/checkout-session";
import { getEnv, parseEnv } from "@/lib/env";
import { post } from "@/lib/ledger/post";
import { customerForUser } from "@/lib/ledger/customers";
import { parseCsv } from "@/lib/orders/csv";
import { listAuditLog } from "@/lib/operations/audit-log";
import { decodeCursor } from "@/lib/operations/cursor";
import { listEmails } from "@/lib/operations/emails";
import { exportCsv } from "@/lib/operations/exports";
import { listStripeEvents } from "@/lib/operations/stripe-events";
import type { DateRange } from "@/lib/reports/date-range";
import { buy, createMember, membershipsOf, setupBilling } from "../support/billing";

// The session is the action factory's input: each case decides who is calling. requireAdmin stands
// in for the page guard (the real one redirects visitors and answers 403 to members).
let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({
  getCurrentUser: async () => caller,
  requireAdmin: async () => {
    if (!caller) throw new Error("redirect to sign-in");
    if (caller.role !== "admin") throw new Error("forbidden");
    return caller;
  },
}));
// revalidatePath needs Next's request store; the tests call the actions directly.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));

const { retryStripeEventAction, resendEmailAction } = await import("@/lib/operations/actions");
const { GET: exportRoute } = await import("@/app/admin/operations/exports/[kind]/route");

let admin: CurrentUser;
let member: CurrentUser;

beforeAll(async () => {
  const user = await createMember("ops-admin@example.com");
  await db.update(users).set({ role: "admin" }).where(eq(users.id, user.id));
  admin = { ...user, role: "admin" };
  member = await createMember("ops-member@example.com");
});

const auditCount = async () => (await db.select({ n: count() }).from(auditLog))[0].n;
const auditFor = (entityType: string, entityId: string) =>
  db.select().from(auditLog).where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)));

/** Anonymous and member callers are refused with the factory's codes. */
const refusals: [string, () => CurrentUser | null, string][] = [
  ["an anonymous caller", () => null, "unauthenticated"],
  ["a member", () => member, "forbidden"],
];

describe("Stripe event log and retry", () => {
  let billing: Awaited<ReturnType<typeof setupBilling>>;
  let failedEventId: string;
  let buyer: CurrentUser;

  beforeAll(async () => {
    // One delivery attempt and no automatic retry: a failed event stays failed until someone acts.
    billing = await setupBilling({ retryDelaysMs: [] });
    buyer = await createMember("ops-buyer@example.com");
    const apply = vi.spyOn(checkoutSessionHandler, "apply").mockRejectedValueOnce(new Error("database hiccup"));
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { result } = await buy(billing.emulator, buyer, "lifetime");
    if (result.status !== "complete") throw new Error("declined");
    await billing.emulator.webhooks.idle();
    log.mockRestore();
    expect(apply).toHaveBeenCalledTimes(1);
    apply.mockRestore();
    const [failure] = await db.select().from(stripeEventFailures).where(eq(stripeEventFailures.type, "checkout.session.completed"));
    failedEventId = failure.eventId;
  });
  afterAll(() => billing.close());

  it("lists the event whose handler failed as failed, with its error, and nothing was granted", async () => {
    const { rows } = await listStripeEvents({ status: "failed" }, null);
    expect(rows).toEqual([expect.objectContaining({ id: failedEventId, type: "checkout.session.completed", status: "failed", failures: 1, lastError: "database hiccup" })]);
    expect(await membershipsOf(buyer.id)).toEqual([]);
    // the other events of the purchase went through
    const all = await listStripeEvents({}, null, 100);
    expect(all.rows.filter((r) => r.status !== "failed").length).toBeGreaterThan(0);
    expect(all.rows.find((r) => r.id === failedEventId)?.status).toBe("failed");
  });

  it.each(refusals)("refuses a retry by %s and changes nothing", async (_name, who, code) => {
    caller = who();
    const audits = await auditCount();
    const result = await retryStripeEventAction({ eventId: failedEventId, reason: "trying" });
    expect(result).toMatchObject({ ok: false, code });
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, failedEventId))).toEqual([]);
    expect(await membershipsOf(buyer.id)).toEqual([]);
    expect(await auditCount()).toBe(audits);
  });

  it("refuses a retry without a reason", async () => {
    caller = admin;
    const result = await retryStripeEventAction({ eventId: failedEventId, reason: " " });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { reason: [expect.any(String)] } });
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, failedEventId))).toEqual([]);
  });

  it("retries through the webhook's path: processed, the membership granted, one audit row with the actor and reason", async () => {
    caller = admin;
    const result = await retryStripeEventAction({ eventId: failedEventId, reason: "database was back" });
    expect(result).toEqual({ ok: true, data: { eventId: failedEventId, outcome: "processed" } });

    const [recorded] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, failedEventId));
    expect(recorded).toMatchObject({ type: "checkout.session.completed", status: "processed" });
    const granted = await membershipsOf(buyer.id);
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({ planId: "lifetime", status: "active", source: "stripe", lastEventId: failedEventId });

    const audits = await auditFor("stripe_event", failedEventId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: admin.id,
      action: "stripe_event.retry",
      reason: "database was back",
      before: { status: "failed", failures: 1 },
      after: { status: "processed", type: "checkout.session.completed" },
    });

    // The log now shows it processed, after one failure; the failed list is empty.
    expect((await listStripeEvents({ status: "failed" }, null)).rows).toEqual([]);
    const processed = await listStripeEvents({ status: "processed", type: "checkout.session." }, null);
    expect(processed.rows.find((r) => r.id === failedEventId)).toMatchObject({ status: "processed", failures: 1 });
  });

  it("refuses a second retry of the same event: it was processed once and stays so", async () => {
    caller = admin;
    const audits = await auditCount();
    const result = await retryStripeEventAction({ eventId: failedEventId, reason: "again" });
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    expect(await membershipsOf(buyer.id)).toHaveLength(1);
    expect(await auditCount()).toBe(audits);
  });

  it("refuses to retry an event that never failed", async () => {
    caller = admin;
    const result = await retryStripeEventAction({ eventId: "evt_never_seen", reason: "curious" });
    expect(result).toMatchObject({ ok: false, code: "not_found" });
  });

  it("says so when Stripe no longer has the event", async () => {
    caller = admin;
    await db.insert(stripeEventFailures).values({ eventId: "evt_expired_long_ago", type: "invoice.paid", error: "boom" });
    const result = await retryStripeEventAction({ eventId: "evt_expired_long_ago", reason: "try it" });
    expect(result).toMatchObject({ ok: false, code: "not_found", error: expect.stringContaining("30 days") });
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, "evt_expired_long_ago"))).toEqual([]);
  });

  it("keeps a retry whose handler fails again as failed, with a second failure and an audit row of the attempt", async () => {
    caller = admin;
    const second = await createMember("ops-buyer-2@example.com");
    const apply = vi.spyOn(checkoutSessionHandler, "apply").mockRejectedValue(new Error("still broken"));
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const { result: purchase } = await buy(billing.emulator, second, "lifetime");
      if (purchase.status !== "complete") throw new Error("declined");
      await billing.emulator.webhooks.idle();
      const { rows } = await listStripeEvents({ status: "failed", type: "checkout.session.completed" }, null);
      expect(rows).toHaveLength(1);
      const eventId = rows[0].id;

      const result = await retryStripeEventAction({ eventId, reason: "one more go" });
      expect(result).toMatchObject({ ok: false, code: "failed", error: expect.stringContaining("still broken") });
      expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId))).toEqual([]);
      expect(await membershipsOf(second.id)).toEqual([]);
      expect((await listStripeEvents({ status: "failed" }, null)).rows.find((r) => r.id === eventId)).toMatchObject({ failures: 2, lastError: "still broken" });
      const audits = await auditFor("stripe_event", eventId);
      expect(audits).toEqual([expect.objectContaining({ actorId: admin.id, action: "stripe_event.retry_failed", reason: "one more go", before: { status: "failed", failures: 1 } })]);
    } finally {
      apply.mockRestore();
      log.mockRestore();
    }
  });
});

describe("Stripe event log paging", () => {
  it("pages newest first through processed and failed events without skipping rows written in the same microsecond", async () => {
    const at = new Date("2020-03-01T12:00:00.000Z");
    // Three recorded at exactly the same instant (the id breaks the tie), one older; failures between.
    await db.insert(stripeEvents).values([
      { id: "evt_page_a", type: "paging.test", status: "processed", created: 1, receivedAt: at },
      { id: "evt_page_B", type: "paging.test", status: "ignored", created: 1, receivedAt: at },
      { id: "evt_page_c", type: "paging.test", status: "processed", created: 1, receivedAt: at },
      { id: "evt_page_old", type: "paging.test", status: "processed", created: 1, receivedAt: new Date("2020-01-01T00:00:00Z") },
    ]);
    await db.insert(stripeEventFailures).values([
      { eventId: "evt_page_fail", type: "paging.test", error: "first", createdAt: new Date("2020-02-01T00:00:00Z") },
      { eventId: "evt_page_fail", type: "paging.test", error: "second", createdAt: new Date("2020-02-02T00:00:00Z") },
      // a failure of an event processed later is not a failed event
      { eventId: "evt_page_a", type: "paging.test", error: "transient", createdAt: new Date("2020-02-15T00:00:00Z") },
    ]);
    // Newest first: the three at 12:00 by id descending in byte order (lower-case after upper-case),
    // then the failed one (last failure Feb 2), then the old one.
    const expected = ["evt_page_c", "evt_page_a", "evt_page_B", "evt_page_fail", "evt_page_old"];

    const seen: string[] = [];
    let cursor = null;
    for (let page = 0; page < 10; page++) {
      const result = await listStripeEvents({ type: "paging." }, cursor, 2);
      seen.push(...result.rows.map((r) => r.id));
      if (!result.next) break;
      cursor = decodeCursor(result.next);
    }
    expect(seen).toEqual(expected);

    const all = await listStripeEvents({ type: "paging.test" }, null);
    expect(all.rows.find((r) => r.id === "evt_page_fail")).toMatchObject({ status: "failed", failures: 2, lastError: "second" });
    expect(all.rows.find((r) => r.id === "evt_page_a")).toMatchObject({ status: "processed", failures: 1 });
    expect((await listStripeEvents({ type: "paging.test", status: "ignored" }, null)).rows.map((r) => r.id)).toEqual(["evt_page_B"]);
    expect((await listStripeEvents({ type: "paging.nothing" }, null)).rows).toEqual([]);
    // a wildcard typed in the filter is taken literally
    expect((await listStripeEvents({ type: "paging%" }, null)).rows).toEqual([]);
  });
});

describe("email outbox: list and resend", () => {
  let failedId: string;
  const globalForEnv = globalThis as unknown as { cairnEnv?: ReturnType<typeof getEnv> };
  const embedded = getEnv();
  afterEach(() => {
    globalForEnv.cairnEnv = embedded;
  });

  beforeAll(async () => {
    const [row] = await db
      .insert(emailOutbox)
      .values({
        to: "reader@example.com",
        from: "Old sender <old@cairn.test>",
        subject: "Your order shipped",
        html: "<p>It is on its way.</p>",
        text: "It is on its way.",
        template: "order-shipped",
        attachments: [{ filename: "note.txt", contentType: "text/plain", contentBase64: Buffer.from("hi").toString("base64") }],
        status: "failed",
        error: "provider down",
        attempts: 1,
      })
      .returning();
    failedId = row.id;
    await db.insert(emailOutbox).values([
      { to: "someone-else@example.com", from: "x", subject: "Sent fine", html: "<p>x</p>", text: "x", template: "tier-upgrade", status: "sent", attempts: 1 },
      { to: "reader@example.com", from: "x", subject: "Sign in", html: '<a href="http://localhost:3000/secret-token">Sign in</a>', text: "x", template: "sign-in", status: "outbox" },
      { to: "survey@example.com", from: "x", subject: "How did we do?", html: '<a href="http://localhost:3000/surveys/reply/survey-token">Answer</a>', text: "x", template: "survey-invitation", status: "outbox" },
    ]);
  });

  it("filters by status and recipient", async () => {
    expect((await listEmails({ status: "failed" }, null)).rows.map((r) => r.id)).toEqual([failedId]);
    expect((await listEmails({ to: "reader@example.com" }, null)).rows.map((r) => r.subject).sort()).toEqual(["Sign in", "Your order shipped"]);
    expect((await listEmails({ to: "someone" }, null)).rows.map((r) => r.subject)).toEqual(["Sent fine"]);
    expect((await listEmails({ to: "nobody@example.com" }, null)).rows).toEqual([]);
  });

  it("pages newest first", async () => {
    const first = await listEmails({}, null, 2);
    expect(first.rows).toHaveLength(2);
    const second = await listEmails({}, decodeCursor(first.next), 2);
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(failedId);
  });

  it.each(refusals)("refuses a resend by %s and sends nothing", async (_name, who, code) => {
    caller = who();
    const [[before], audits] = await Promise.all([db.select({ n: count() }).from(emailOutbox), auditCount()]);
    const result = await resendEmailAction({ id: failedId, reason: "member asked" });
    expect(result).toMatchObject({ ok: false, code });
    expect((await db.select({ n: count() }).from(emailOutbox))[0].n).toBe(before.n);
    expect(await auditCount()).toBe(audits);
  });

  it("resends a copy (to the dev mailbox without a provider), keeps the original, and audits it", async () => {
    caller = admin;
    const result = await resendEmailAction({ id: failedId, reason: "member asked again" });
    if (!result.ok) throw new Error(result.error);
    expect(result.data).toMatchObject({ id: failedId, status: "outbox" });
    const [copy] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, result.data.copyId));
    expect(copy).toMatchObject({
      to: "reader@example.com",
      from: embedded.EMAIL_FROM,
      subject: "Your order shipped",
      html: "<p>It is on its way.</p>",
      template: "order-shipped",
      status: "outbox",
      attachments: [{ filename: "note.txt", contentType: "text/plain", contentBase64: Buffer.from("hi").toString("base64") }],
    });
    const [original] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, failedId));
    expect(original).toMatchObject({ status: "failed", error: "provider down", attempts: 1 });
    const audits = await auditFor("email", failedId);
    expect(audits).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        action: "email.resend",
        reason: "member asked again",
        before: { status: "failed", attempts: 1, error: "provider down" },
        after: { copyId: copy.id, status: "outbox" },
      }),
    ]);
  });

  describe("with a provider", () => {
    let server: Server;
    const received: { to?: string; subject?: string }[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        let raw = "";
        req.on("data", (c) => (raw += c));
        req.on("end", () => {
          received.push(JSON.parse(raw || "{}"));
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "re_resent_1" }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
      process.env.RESEND_BASE_URL = `http://localhost:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      delete process.env.RESEND_BASE_URL;
      await new Promise((resolve) => server.close(resolve));
    });

    it("delivers the copy through the provider after the audit row commits", async () => {
      globalForEnv.cairnEnv = parseEnv({ ...process.env, AUTH_SECRET: embedded.AUTH_SECRET, RESEND_API_KEY: "re_test_key" });
      caller = admin;
      const result = await resendEmailAction({ id: failedId, reason: "provider is back" });
      if (!result.ok) throw new Error(result.error);
      expect(result.data.status).toBe("sent");
      const [copy] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, result.data.copyId));
      expect(copy).toMatchObject({ status: "sent", providerId: "re_resent_1", attempts: 1 });
      expect(received.at(-1)).toMatchObject({ to: "reader@example.com", subject: "Your order shipped" });
      expect(await auditFor("email", failedId)).toHaveLength(2);
    });
  });

  it("refuses to resend a sign-in link and writes nothing", async () => {
    caller = admin;
    const [signIn] = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "sign-in"));
    const [before] = await db.select({ n: count() }).from(emailOutbox);
    const result = await resendEmailAction({ id: signIn.id, reason: "member asked" });
    expect(result).toMatchObject({ ok: false, code: "conflict", error: expect.stringContaining("sign-in link") });
    expect((await db.select({ n: count() }).from(emailOutbox))[0].n).toBe(before.n);
    expect(await auditFor("email", signIn.id)).toEqual([]);
  });

  it("refuses a malformed id and an unknown one", async () => {
    caller = admin;
    expect(await resendEmailAction({ id: "nope", reason: "member asked" })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await resendEmailAction({ id: crypto.randomUUID(), reason: "member asked" })).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("audit log viewer", () => {
  const range: DateRange = { from: new Date("2019-01-01T00:00:00Z"), toExclusive: new Date("2019-02-01T00:00:00Z"), fromDay: "2019-01-01", toDay: "2019-01-31" };

  beforeAll(async () => {
    const day = (d: number) => new Date(`2019-01-${String(d).padStart(2, "0")}T10:00:00Z`);
    await db.insert(auditLog).values([
      { actorId: admin.id, action: "plan.updated", entityType: "plan", entityId: "plus_monthly", before: { name: "Plus", benefits: { bonusPoints: 100, minTier: null } }, after: { name: "Plus", benefits: { bonusPoints: 150, minTier: null } }, reason: "promo", createdAt: day(3) },
      { actorId: admin.id, action: "plan.synced", entityType: "plan", entityId: "lifetime", before: null, after: { priceId: "price_1" }, reason: null, createdAt: day(5) },
      { actorId: null, action: "user.role_changed", entityType: "user", entityId: "u1", before: { role: "member" }, after: { role: "admin" }, reason: "listed in ADMIN_EMAILS", createdAt: day(7) },
      { actorId: member.id, action: "referral.approve", entityType: "referral", entityId: "r1", before: { status: "flagged" }, after: { status: "pending" }, reason: "ok", createdAt: day(9) },
      // outside the range
      { actorId: admin.id, action: "plan.updated", entityType: "plan", entityId: "plus_annual", before: { name: "A" }, after: { name: "B" }, reason: "later", createdAt: new Date("2019-02-01T00:00:00Z") },
    ]);
  });

  const actions = async (filters: Parameters<typeof listAuditLog>[0]) => (await listAuditLog(filters, range, null)).rows.map((r) => r.action);

  it("lists the range newest first, with each entry's changed keys", async () => {
    const { rows } = await listAuditLog({}, range, null);
    expect(rows.map((r) => r.action)).toEqual(["referral.approve", "user.role_changed", "plan.synced", "plan.updated"]);
    expect(rows.find((r) => r.action === "plan.updated")).toMatchObject({
      actorEmail: "ops-admin@example.com",
      reason: "promo",
      changes: [{ key: "benefits.bonusPoints", before: 100, after: 150, beforeMissing: false, afterMissing: false }],
    });
    expect(rows.find((r) => r.action === "user.role_changed")).toMatchObject({ actorEmail: null, changes: [{ key: "role", before: "member", after: "admin" }] });
    expect(rows.find((r) => r.action === "plan.synced")?.changes).toEqual([{ key: "priceId", before: undefined, after: "price_1", beforeMissing: true, afterMissing: false }]);
  });

  it("filters by actor email (whole or its start, any case), action prefix, entity type and id", async () => {
    expect(await actions({ actor: "ops-admin@example.com" })).toEqual(["plan.synced", "plan.updated"]);
    expect(await actions({ actor: "ops-mem" })).toEqual(["referral.approve"]);
    expect(await actions({ actor: "OPS-ADMIN@EXAMPLE.COM".toLowerCase() })).toEqual(["plan.synced", "plan.updated"]);
    expect(await actions({ action: "plan." })).toEqual(["plan.synced", "plan.updated"]);
    expect(await actions({ action: "plan_" })).toEqual([]);
    expect(await actions({ entityType: "user" })).toEqual(["user.role_changed"]);
    expect(await actions({ entityType: "plan", entityId: "plus_monthly" })).toEqual(["plan.updated"]);
    expect(await actions({ actor: "nobody@example.com" })).toEqual([]);
  });

  it("pages on id without repeats", async () => {
    const first = await listAuditLog({}, range, null, 3);
    expect(first.rows).toHaveLength(3);
    expect(first.next).toBe(first.rows[2].id);
    const second = await listAuditLog({}, range, first.next, 3);
    expect(second.rows.map((r) => r.action)).toEqual(["plan.updated"]);
    expect(second.next).toBeNull();
  });
});

describe("CSV exports", () => {
  const url = (kind: string, query = "") => `http://localhost:3000/admin/operations/exports/${kind}${query}`;
  const download = (kind: string, query = "") => exportRoute(new Request(url(kind, query)), { params: Promise.resolve({ kind }) });
  const records = async (response: Response) => parseCsv(await response.text()).map((r) => r.fields);
  let customerId: string;
  let insideOrderId: string;
  let rewardId: string;

  beforeAll(async () => {
    const shopper = await createMember("ops-shopper@example.com");
    const customer = await customerForUser(shopper);
    customerId = customer.id;
    await post({ kind: "earn", key: "ops-test:earn:1", customerId, reason: "purchase", memo: "=SUM(A1), order 1", points: 250, at: new Date("2024-05-10T09:00:00Z") });
    await post({ kind: "earn", key: "ops-test:earn:old", customerId, reason: "purchase", memo: "Old order", points: 10, at: new Date("2020-05-10T09:00:00Z") });
    const [integration] = await db.insert(integrations).values({ name: "Main shop", secretHash: "x", secretPrefix: "sk_x" }).returning();
    const [inside, outside] = await db
      .insert(orders)
      .values([
        { integrationId: integration.id, externalId: "A-1", customerId, currency: "usd", totalCents: 12345, qualifyingCents: 12000, points: 250, placedAt: new Date("2024-05-10T09:00:00Z") },
        { integrationId: integration.id, externalId: "A-0", customerId, currency: "usd", totalCents: 500, qualifyingCents: 500, points: 10, placedAt: new Date("2020-05-10T09:00:00Z") },
      ])
      .returning();
    insideOrderId = inside.id;
    expect(outside.id).toBeTruthy();
    const [reward] = await db.insert(rewards).values({ slug: "ops-mug", title: "Mug, enamel", kind: "product", status: "active", pointsCost: 200 }).returning();
    rewardId = reward.id;
    await db.insert(redemptions).values({ customerId, rewardId, pointsCost: 200, status: "pending", code: "SECRET-CODE", createdAt: new Date("2024-05-11T09:00:00Z") });
  });

  it.each([
    ["an anonymous request", () => null, 401],
    ["a member", () => member, 403],
  ])("refuses %s with no data", async (_name, who, status) => {
    caller = who();
    for (const kind of ["members", "orders", "postings", "redemptions"]) {
      const response = await download(kind);
      expect(response.status).toBe(status);
      const body = await response.text();
      expect(body).not.toContain("@example.com");
      expect(response.headers.get("content-type")).not.toContain("text/csv");
    }
  });

  it("exports members with their membership, tier and balance", async () => {
    caller = admin;
    const response = await download("members");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="cairn-members-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = await records(response);
    expect(header).toEqual([
      "user_id",
      "email",
      "name",
      "role",
      "joined_at",
      "plan",
      "membership_status",
      "membership_source",
      "period_ends_at",
      "tier",
      "available_points",
      "pending_points",
      "debt_points",
      "lifetime_earned_points",
      "lifetime_redeemed_points",
    ]);
    const byEmail = new Map(rows.map((r) => [r[1], r]));
    const userCount = (await db.select({ n: count() }).from(users))[0].n;
    expect(rows).toHaveLength(userCount);
    // 250 + 10 earned, nothing spent (the redemption above was inserted without a posting)
    expect(byEmail.get("ops-shopper@example.com")?.slice(3)).toEqual(["member", expect.any(String), "free", "", "", "", "", "260", "0", "0", "260", "0"]);
    expect(byEmail.get("ops-admin@example.com")?.[3]).toBe("admin");
    // the buyer whose event was retried holds a lifetime membership
    const buyer = byEmail.get("ops-buyer@example.com");
    expect(buyer?.slice(5, 9)).toEqual(["lifetime", "active", "stripe", ""]);
  });

  it("walks the members in batches without repeating or losing one", async () => {
    const text = await new Response(exportCsv("members", null, 2)).text();
    const ids = parseCsv(text).slice(1).map((r) => r.fields[0]);
    const all = (await db.select({ id: users.id }).from(users)).map((u) => u.id).sort();
    expect([...ids].sort()).toEqual(all);
    expect(all.length).toBeGreaterThan(4);
  });

  it("exports the orders placed in the range", async () => {
    caller = admin;
    const response = await download("orders", "?from=2024-01-01&to=2024-12-31");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("cairn-orders-2024-01-01-to-2024-12-31-");
    expect(await records(response)).toEqual([
      ["order_id", "external_id", "integration", "customer_email", "currency", "total_cents", "qualifying_cents", "refunded_cents", "points", "placed_at", "recorded_at"],
      [insideOrderId, "A-1", "Main shop", "ops-shopper@example.com", "usd", "12345", "12000", "0", "250", "2024-05-10T09:00:00.000Z", expect.any(String)],
    ]);
  });

  it("exports the postings in the range, formulas neutralised", async () => {
    caller = admin;
    const [header, ...rows] = await records(await download("postings", "?from=2024-05-10&to=2024-05-10"));
    expect(header).toEqual(["posting_id", "key", "kind", "reason", "customer_email", "points", "memo", "actor_email", "created_at"]);
    expect(rows).toEqual([[expect.stringMatching(/^\d+$/), "ops-test:earn:1", "earn", "purchase", "ops-shopper@example.com", "250", "'=SUM(A1), order 1", "", "2024-05-10T09:00:00.000Z"]]);
  });

  it("exports the redemptions in the range, without their codes", async () => {
    caller = admin;
    const response = await download("redemptions", "?from=2024-05-01&to=2024-05-31");
    const text = await response.clone().text();
    expect(text).not.toContain("SECRET-CODE");
    const [header, ...rows] = await records(response);
    expect(header).toEqual(["redemption_id", "reward", "reward_kind", "customer_email", "status", "points_cost", "session_starts_at", "tracking_number", "redeemed_at", "fulfilled_at", "cancelled_at", "cancel_reason"]);
    expect(rows).toEqual([[expect.any(String), "Mug, enamel", "product", "ops-shopper@example.com", "pending", "200", "", "", "2024-05-11T09:00:00.000Z", "", "", ""]]);
    expect(rewardId).toBeTruthy();
  });

  it("answers an empty range with just the header", async () => {
    caller = admin;
    expect(await records(await download("orders", "?from=2010-01-01&to=2010-01-31"))).toEqual([
      ["order_id", "external_id", "integration", "customer_email", "currency", "total_cents", "qualifying_cents", "refunded_cents", "points", "placed_at", "recorded_at"],
    ]);
  });

  it.each([
    ["reversed", "?from=2024-02-01&to=2024-01-01"],
    ["half-open", "?from=2024-02-01"],
    ["malformed", "?from=2024-02-30&to=2024-03-01"],
  ])("refuses a %s date range with 400", async (_name, query) => {
    caller = admin;
    const response = await download("orders", query);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/^That date range can't be used: /);
  });

  it("answers 404 for an unknown export", async () => {
    caller = admin;
    expect((await download("secrets")).status).toBe(404);
  });

});

describe("operations pages", () => {
  type Page = (props: { searchParams: Promise<Record<string, string>>; params: Promise<Record<string, string>> }) => Promise<ReactElement>;
  const pages: Record<string, () => Promise<{ default: unknown }>> = {
    index: () => import("@/app/admin/operations/page"),
    stripeEvents: () => import("@/app/admin/operations/stripe-events/page"),
    emails: () => import("@/app/admin/operations/emails/page"),
    email: () => import("@/app/admin/operations/emails/[id]/page"),
    audit: () => import("@/app/admin/operations/audit/page"),
    exports: () => import("@/app/admin/operations/exports/page"),
  };
  async function render(name: keyof typeof pages, searchParams: Record<string, string> = {}, params: Record<string, string> = {}) {
    const page = (await pages[name]()).default as Page;
    return renderToStaticMarkup(await page({ searchParams: Promise.resolve(searchParams), params: Promise.resolve(params) }));
  }

  it.each(Object.keys(pages))("guards the %s page before reading anything", async (name) => {
    caller = null;
    await expect(render(name, {}, { id: crypto.randomUUID() })).rejects.toThrow("redirect to sign-in");
    caller = member;
    await expect(render(name, {}, { id: crypto.randomUUID() })).rejects.toThrow("forbidden");
  });

  it("lists failed events with a retry form, and the overview counts them", async () => {
    caller = admin;
    const html = await render("stripeEvents", { status: "failed" });
    const [failed] = (await listStripeEvents({ status: "failed", type: "checkout.session.completed" }, null)).rows;
    expect(html).toContain(failed.id);
    expect(html).toContain("Retry now");
    expect(await render("stripeEvents", { type: "Not A Type!" })).toContain("Event types use lower-case letters");
    const index = await render("index");
    expect(index).toMatch(/\d+ failed/);
    for (const href of ["/admin/operations/stripe-events", "/admin/operations/emails", "/admin/operations/audit", "/admin/operations/exports", "/admin/fulfilment", "/admin/referrals", "/admin/integrations"]) {
      expect(index).toContain(`href="${href}"`);
    }
  });

  it("shows a message with a resend form, but never the body of one whose link acts as the member", async () => {
    caller = admin;
    const [failed] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.status, "failed"), eq(emailOutbox.subject, "Your order shipped")));
    const html = await render("email", {}, { id: failed.id });
    expect(html).toContain("provider down");
    expect(html).toContain("Resend");
    expect(html).toContain("Sent again");
    const [signIn] = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "sign-in"));
    const hidden = await render("email", {}, { id: signIn.id });
    expect(hidden).not.toContain("secret-token");
    expect(hidden).toContain("its body is not shown");
    expect(hidden).not.toContain("Resend");
    // a survey invitation's link answers as the member: hidden too, but it can be sent again
    const [survey] = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "survey-invitation"));
    const surveyHtml = await render("email", {}, { id: survey.id });
    expect(surveyHtml).not.toContain("survey-token");
    expect(surveyHtml).toContain("Resend");
    expect(await render("emails", { status: "failed" })).toContain("Your order shipped");
  });

  it("shows audit entries as a diff of changed keys, and date-range errors beside the dates", async () => {
    caller = admin;
    const html = await render("audit", { from: "2019-01-01", to: "2019-01-31", action: "plan.updated" });
    expect(html).toContain("benefits.bonusPoints");
    expect(html).toContain("promo");
    expect(await render("audit", { from: "2019-02-01", to: "2019-01-01" })).toContain("The start date is after the end date.");
  });

  it("links each export, with the range for dated ones", async () => {
    caller = admin;
    const html = await render("exports", { from: "2024-01-01", to: "2024-12-31" });
    expect(html).toContain('href="/admin/operations/exports/members"');
    for (const kind of ["orders", "postings", "redemptions"]) expect(html).toContain(`href="/admin/operations/exports/${kind}?from=2024-01-01&amp;to=2024-12-31"`);
  });
});
