import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { auditLog, emailOutbox, users } from "@/db/schema";
import { CLAIM_LEASE_MS, deliverDueEmails } from "@/lib/email/deliver";
import { listUndelivered, retryFailedEmail } from "@/lib/email/outbox";
import { EMAIL_MAX_ATTEMPTS, retryDelayMs } from "@/lib/email/retry-schedule";
import { sendEmail } from "@/lib/email/send-email";
import { SignInEmail } from "@/lib/email/templates/sign-in-email";
import { getEnv, parseEnv } from "@/lib/env";
import { GET as emailCron } from "@/app/api/cron/email/route";

/**
 * Quality gates, resilience: the email provider failing. Delivery goes through the real Resend
 * adapter to a local stand-in for Resend's HTTP API that fails as each test says; the retry job
 * runs on an injected clock, so the backoff schedule is checked exactly and without waiting.
 */

type Received = { body: { to?: string; subject?: string }; headers: IncomingHttpHeaders };
type Answer = { status: number; json: unknown };

const ok = (id: string): Answer => ({ status: 200, json: { id } });
const down: Answer = { status: 503, json: { name: "application_error", message: "provider down", statusCode: 503 } };
const refused: Answer = { status: 422, json: { name: "validation_error", message: "Invalid `to` field.", statusCode: 422 } };

let answer: (request: Received, n: number) => Answer = () => ok("re_default");
let received: Received[] = [];
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const request = { body: JSON.parse(raw || "{}"), headers: req.headers };
      received.push(request);
      const { status, json } = answer(request, received.length);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  process.env.RESEND_BASE_URL = `http://localhost:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.RESEND_BASE_URL;
  await new Promise((resolve) => server.close(resolve));
});

const globalForEnv = globalThis as unknown as { cairnEnv?: ReturnType<typeof getEnv> };
const embedded = getEnv();

beforeEach(async () => {
  // A configured provider (Resend) for every test here; the outbox starts empty.
  globalForEnv.cairnEnv = parseEnv({ ...process.env, AUTH_SECRET: embedded.AUTH_SECRET, RESEND_API_KEY: "re_test_key" });
  await db.delete(emailOutbox);
  received = [];
  answer = () => ok("re_default");
  // Failed attempts log a line each; the assertions read the rows instead.
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  globalForEnv.cairnEnv = embedded;
  vi.restoreAllMocks();
});

const MINUTE = 60_000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const message = (to: string) => ({ to, subject: "Your sign-in link for Cairn", template: "sign-in", react: SignInEmail({ url: "http://localhost:3000/x", email: to, minutes: 15 }) });
const rowOf = async (id: string) => (await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];

describe("email delivery when the provider fails", () => {
  it("retries on the backoff schedule until the provider recovers, then delivers exactly once", async () => {
    // Fails the first attempt (inside sendEmail) and two retries, then accepts.
    answer = (_request, n) => (n <= 3 ? down : ok("re_finally"));
    const sent = await sendEmail(message("retry@example.com"));
    expect(sent?.status).toBe("queued");
    const first = await rowOf(sent!.id);
    expect(first).toMatchObject({ status: "queued", attempts: 1 });
    expect(first.error).toContain("provider down");

    // From here the clock is the test's: attempt 2 is due at first.nextAttemptAt, not a moment before.
    const t1 = first.nextAttemptAt!;
    expect(await deliverDueEmails({ now: at(t1, -1) })).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });
    expect(received).toHaveLength(1);

    expect(await deliverDueEmails({ now: t1 })).toMatchObject({ claimed: 1, retrying: 1 });
    const second = await rowOf(sent!.id);
    expect(second).toMatchObject({ status: "queued", attempts: 2, nextAttemptAt: at(t1, retryDelayMs(2)!) });
    expect(retryDelayMs(2)).toBe(2 * MINUTE);

    const t2 = second.nextAttemptAt!;
    expect((await deliverDueEmails({ now: at(t2, -1) })).claimed).toBe(0);
    expect(await deliverDueEmails({ now: t2 })).toMatchObject({ claimed: 1, retrying: 1 });
    const third = await rowOf(sent!.id);
    expect(third).toMatchObject({ status: "queued", attempts: 3, nextAttemptAt: at(t2, 4 * MINUTE) });

    const t3 = third.nextAttemptAt!;
    expect(await deliverDueEmails({ now: t3 })).toMatchObject({ claimed: 1, sent: 1 });
    const delivered = await rowOf(sent!.id);
    expect(delivered).toMatchObject({ status: "sent", attempts: 4, providerId: "re_finally", error: null, nextAttemptAt: null, sentAt: t3 });
    expect(delivered.html).toContain("http://localhost:3000/x");

    // Nothing more is sent, however often the job runs afterwards.
    await deliverDueEmails({ now: at(t3, 24 * 60 * MINUTE) });
    expect(received).toHaveLength(4);
    // Every attempt carried the same idempotency key, so a lost answer can never mean two emails.
    expect(new Set(received.map((r) => r.headers["idempotency-key"]))).toEqual(new Set([`cairn-email-${sent!.id}`]));
    expect(received.every((r) => r.body.to === "retry@example.com")).toBe(true);
  });

  it(`gives up after ${EMAIL_MAX_ATTEMPTS} attempts, keeps the message for admins, and an admin's retry delivers it`, async () => {
    answer = () => down;
    const sent = await sendEmail(message("gives-up@example.com"));
    let row = await rowOf(sent!.id);
    const waits: number[] = [];
    while (row.status === "queued") {
      const due = row.nextAttemptAt!;
      await deliverDueEmails({ now: due });
      const next = await rowOf(sent!.id);
      if (next.nextAttemptAt) waits.push(next.nextAttemptAt.getTime() - due.getTime());
      row = next;
    }
    expect(row).toMatchObject({ status: "failed", attempts: EMAIL_MAX_ATTEMPTS, nextAttemptAt: null });
    expect(row.error).toContain("provider down");
    expect(received).toHaveLength(EMAIL_MAX_ATTEMPTS);
    // 2, 4, 8, 16, 32, 60 minutes between attempts 2…8 (the first wait, 1 minute, started in sendEmail).
    expect(waits).toEqual([2, 4, 8, 16, 32, 60].map((m) => m * MINUTE));

    // Visible to admins, and nothing of it lost.
    const undelivered = await listUndelivered();
    expect(undelivered.counts.failed).toBe(1);
    expect(undelivered.failed[0]).toMatchObject({ id: sent!.id, to: "gives-up@example.com", subject: "Your sign-in link for Cairn" });
    expect(undelivered.failed[0].html).toContain("http://localhost:3000/x");

    // The retry job leaves a message that gave up alone…
    expect((await deliverDueEmails({ now: at(new Date(), 7 * 24 * 60 * MINUTE) })).claimed).toBe(0);
    // …until an admin sends it back (audited), once the provider works again.
    const [admin] = await db.insert(users).values({ email: `admin-${crypto.randomUUID().slice(0, 8)}@example.com`, role: "admin" }).returning();
    const now = new Date();
    expect(await retryFailedEmail({ emailId: sent!.id, actorId: admin.id, now })).toBe(true);
    expect(await retryFailedEmail({ emailId: sent!.id, actorId: admin.id, now })).toBe(false);
    answer = () => ok("re_after_fix");
    expect(await deliverDueEmails({ now })).toMatchObject({ claimed: 1, sent: 1 });
    expect(await rowOf(sent!.id)).toMatchObject({ status: "sent", attempts: 1, providerId: "re_after_fix" });
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, sent!.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "email.retry", actorId: admin.id });
  });

  it("ends a message the provider refuses for itself (422) at once instead of retrying it", async () => {
    answer = () => refused;
    const sent = await sendEmail(message("not-an-inbox@example.com"));
    expect(sent?.status).toBe("failed");
    expect(await rowOf(sent!.id)).toMatchObject({ status: "failed", attempts: 1, nextAttemptAt: null });
    expect((await deliverDueEmails({ now: at(new Date(), 60 * MINUTE) })).claimed).toBe(0);
    expect(received).toHaveLength(1);
  });

  it("delivers a message whose sender died before its first attempt, once the claim's lease runs out", async () => {
    // What sendEmail leaves behind when its process is killed between writing and delivering.
    const now = new Date();
    const [orphan] = await db
      .insert(emailOutbox)
      .values({ to: "orphan@example.com", from: "Cairn <hello@cairn.test>", subject: "Booked", html: "<p>Booked</p>", text: "Booked", template: "redemption", status: "queued", nextAttemptAt: at(now, CLAIM_LEASE_MS) })
      .returning();
    expect((await deliverDueEmails({ now })).claimed).toBe(0);
    expect(received).toHaveLength(0);
    expect(await deliverDueEmails({ now: at(now, CLAIM_LEASE_MS) })).toMatchObject({ claimed: 1, sent: 1 });
    expect(await rowOf(orphan.id)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("lets retry jobs run side by side: each due message is attempted once per due time", async () => {
    answer = (request) => ok(`re_${request.body.to}`);
    const now = new Date();
    const rows = await db
      .insert(emailOutbox)
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          to: `parallel-${i}@example.com`,
          from: "Cairn <hello@cairn.test>",
          subject: `Message ${i}`,
          html: `<p>${i}</p>`,
          text: `${i}`,
          template: "test",
          status: "queued" as const,
          attempts: 1,
          nextAttemptAt: at(now, -MINUTE),
        })),
      )
      .returning({ id: emailOutbox.id });
    const runs = await Promise.all([deliverDueEmails({ now }), deliverDueEmails({ now }), deliverDueEmails({ now })]);
    expect(runs.reduce((n, r) => n + r.claimed, 0)).toBe(30);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(30);
    expect(received).toHaveLength(30);
    expect(new Set(received.map((r) => r.body.to)).size).toBe(30);
    const after = await db.select().from(emailOutbox).where(inArray(emailOutbox.id, rows.map((r) => r.id)));
    expect(after.every((r) => r.status === "sent" && r.attempts === 2)).toBe(true);
  });

  it("runs from the email cron route, which answers with the counts", async () => {
    answer = (_request, n) => (n === 1 ? down : ok("re_cron"));
    const sent = await sendEmail(message("cron@example.com"));
    // Make it due now (its first retry would otherwise wait a minute of real time).
    await db.update(emailOutbox).set({ nextAttemptAt: new Date(Date.now() - 1) }).where(eq(emailOutbox.id, sent!.id));
    const response = await emailCron(new Request("http://localhost:3000/api/cron/email"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, result: { claimed: 1, sent: 1, retrying: 0, failed: 0 } });
    expect(await rowOf(sent!.id)).toMatchObject({ status: "sent", attempts: 2 });
  });
});
