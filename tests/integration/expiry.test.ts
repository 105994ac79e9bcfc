import { addDays } from "date-fns";
import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/cron/daily/route";
import { db } from "@/db";
import { customerTiers, emailOutbox, pointLotReminders, pointLots, settings, tiers } from "@/db/schema";
import { DEFAULT_PROGRAM_SETTINGS, DEFAULT_TIERS } from "@/db/seed-program";
import { runDailyJobs } from "@/lib/cron/daily";
import { getEnv, parseEnv } from "@/lib/env";
import { getBalance } from "@/lib/ledger/balances";
import { getOrCreateCustomer } from "@/lib/ledger/customers";
import { post } from "@/lib/ledger/post";
import { sendExpiryReminders } from "@/lib/ledger/reminders";
import { recomputeTier } from "@/lib/tiers/tiers";

const newCustomer = async (name: string) => getOrCreateCustomer(`${name}-${crypto.randomUUID().slice(0, 8)}@example.com`);
const earn = (customerId: string, points: number, extra: { at?: Date; expiresAt?: Date | null; holdUntil?: Date } = {}) =>
  post({ kind: "earn", key: `test:${crypto.randomUUID()}`, customerId, points, reason: "purchase", memo: "Purchase", ...extra });
const remindersTo = (email: string) =>
  db.select().from(emailOutbox).where(and(eq(emailOutbox.to, email), eq(emailOutbox.template, "points-expiring"))).orderBy(emailOutbox.createdAt);

beforeAll(async () => {
  await db.insert(tiers).values(DEFAULT_TIERS);
  await db.insert(settings).values(Object.entries(DEFAULT_PROGRAM_SETTINGS).map(([key, value]) => ({ key, value })));
});

describe("expiry reminders", () => {
  it("are sent 30 and 7 days before a lot expires, once each", async () => {
    const t0 = new Date();
    const c = await newCustomer("remind");
    const { posting } = await earn(c.id, 1250, { at: t0, expiresAt: addDays(t0, 40) });
    const [lot] = await db.select().from(pointLots).where(eq(pointLots.postingId, posting.id));

    await sendExpiryReminders(t0);
    expect(await remindersTo(c.email)).toHaveLength(0);

    await sendExpiryReminders(addDays(t0, 10)); // 30 days left
    await sendExpiryReminders(addDays(t0, 10));
    await sendExpiryReminders(addDays(t0, 20));
    const first = await remindersTo(c.email);
    expect(first).toHaveLength(1);
    expect(first[0].subject).toMatch(/^1,250 points expire on /);
    expect(first[0].text).toContain("in 30 days");
    expect(first[0].text).toContain("$12.50");

    // Runs at once (a retried cron, a manual run): the reminders' primary key lets only one claim it.
    // Warm the pool first, so the runs overlap instead of queueing on new connections.
    await Promise.all(Array.from({ length: 8 }, () => db.execute(sql`select pg_sleep(0.05)`)));
    await Promise.all(Array.from({ length: 8 }, () => sendExpiryReminders(addDays(t0, 33)))); // 7 days left
    await sendExpiryReminders(addDays(t0, 35));
    const all = await remindersTo(c.email);
    expect(all).toHaveLength(2);
    expect(all[1].text).toContain("in 7 days");

    const markers = await db.select().from(pointLotReminders).where(eq(pointLotReminders.lotId, lot.id));
    expect(markers.map((m) => m.days).sort((a, b) => a - b)).toEqual([7, 30]);
  });

  it("send one email for a lot first seen inside 7 days, and one per member for several lots", async () => {
    const t0 = new Date();
    const c = await newCustomer("late");
    await earn(c.id, 100, { at: t0, expiresAt: addDays(t0, 5) });
    await earn(c.id, 50, { at: t0, expiresAt: addDays(t0, 6) });
    await sendExpiryReminders(t0);
    await sendExpiryReminders(addDays(t0, 1));
    const emails = await remindersTo(c.email);
    expect(emails).toHaveLength(1);
    expect(emails[0].subject).toMatch(/^150 points expire on /);
  });

  it("skip spent, pending and never-expiring points", async () => {
    const t0 = new Date();
    const c = await newCustomer("nothing");
    await earn(c.id, 100, { at: t0, expiresAt: addDays(t0, 20) });
    await post({ kind: "redeem", key: `test:${crypto.randomUUID()}`, customerId: c.id, points: 100, reason: "redemption", memo: "Reward" });
    await earn(c.id, 100, { at: t0, expiresAt: null });
    await earn(c.id, 100, { at: t0, expiresAt: addDays(t0, 20), holdUntil: addDays(t0, 60) });
    await sendExpiryReminders(t0);
    expect(await remindersTo(c.email)).toHaveLength(0);
  });
});

describe("the daily job", () => {
  it("releases, expires, applies tier downgrades and reminds, in that order, and a second run does nothing more", async () => {
    const t0 = new Date();
    const c = await newCustomer("daily");
    await earn(c.id, 200, { at: t0, holdUntil: addDays(t0, 1), expiresAt: addDays(t0, 20) });
    await earn(c.id, 300, { at: t0, expiresAt: addDays(t0, 2) });
    await recomputeTier(c.id, "order", t0);
    await db.update(customerTiers).set({ tierId: "gold", downgradeAfter: addDays(t0, 1) }).where(eq(customerTiers.customerId, c.id));

    const at = addDays(t0, 3);
    const first = await runDailyJobs(at);
    expect(first.errors).toEqual([]);
    expect(first.released).toBeGreaterThanOrEqual(1);
    expect(first.expired?.points).toBeGreaterThanOrEqual(300);
    expect(first.tiers?.downgraded).toBeGreaterThanOrEqual(1);
    expect(first.reminders?.emails).toBeGreaterThanOrEqual(1);
    expect(await getBalance(c.id)).toMatchObject({ available: 200, pending: 0 });
    expect((await db.select().from(customerTiers).where(eq(customerTiers.customerId, c.id)))[0].tierId).toBe("bronze");
    // The released lot expires in 17 days: one 30-day reminder, and none for the lot that expired.
    const emails = await remindersTo(c.email);
    expect(emails).toHaveLength(1);
    expect(emails[0].subject).toMatch(/^200 points expire on /);

    const second = await runDailyJobs(at);
    expect(second).toMatchObject({ released: 0, expired: { lots: 0, points: 0 }, tiers: { upgraded: 0, downgraded: 0 }, reminders: { emails: 0, lots: 0 }, errors: [] });
    expect(await remindersTo(c.email)).toHaveLength(1);
  });
});

describe("GET/POST /api/cron/daily", () => {
  const globalForEnv = globalThis as unknown as { cairnEnv?: ReturnType<typeof getEnv> };
  const original = getEnv();
  const CRON_SECRET = "daily-cron-secret-for-tests-0123";
  afterEach(() => {
    globalForEnv.cairnEnv = original;
  });
  const call = (handler: typeof GET, headers: Record<string, string> = {}) => handler(new Request("https://loyalty.example.com/api/cron/daily", { headers }));

  it.each([
    ["no bearer", {}],
    ["a wrong bearer", { authorization: "Bearer not-the-secret-at-all-0123" }],
    ["the secret without the Bearer scheme", { authorization: CRON_SECRET }],
  ])("refuses %s with 401 when CRON_SECRET is set", async (_case, headers) => {
    globalForEnv.cairnEnv = parseEnv({ ...process.env, AUTH_SECRET: original.AUTH_SECRET, CRON_SECRET });
    for (const handler of [GET, POST]) {
      const response = await call(handler, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: expect.stringContaining("Unauthorized") });
    }
  });

  it("runs with the right bearer and returns the counts as JSON", async () => {
    globalForEnv.cairnEnv = parseEnv({ ...process.env, AUTH_SECRET: original.AUTH_SECRET, CRON_SECRET });
    const response = await call(GET, { authorization: `Bearer ${CRON_SECRET}` });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ ok: true, result: { released: expect.any(Number), expired: { lots: expect.any(Number) }, tiers: { checked: expect.any(Number) }, reminders: { emails: expect.any(Number) }, errors: [] } });
  });

  it("without CRON_SECRET refuses a call from elsewhere", async () => {
    expect(getEnv().CRON_SECRET).toBeUndefined();
    expect((await call(GET)).status).toBe(401);
  });
});
