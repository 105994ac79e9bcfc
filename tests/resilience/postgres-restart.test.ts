import { count, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connectDb, db, disconnectDb } from "@/db";
import { orders, pointPostings } from "@/db/schema";
import { seed } from "@/db/seed";
import { serverActionId, startApp, startDatabase, startFakeResend, type FakeResend, type RunningApp, type TestDatabase } from "./support/app";
import {
  anOrder,
  createExperience,
  createMembers,
  createProduct,
  createShop,
  orderViolations,
  redeemOverHttp,
  redemptionViolations,
  sendOrder,
  shipping,
  type HttpOutcome,
  type Member,
  type RedeemOutcome,
  type RedeemRequest,
  type Shop,
} from "./support/load";
import { waitFor } from "./support/wait";

/**
 * Quality gates, resilience: PostgreSQL restarted (fast shutdown, then start) while order postings
 * and redemptions keep coming. Requests that meet the outage fail cleanly — the order API with 503
 * and Retry-After, the redeem action with its "unavailable" result — nothing is half-written, and
 * the same `next start` process serves again once the database is back: no restart of the app.
 */

const PORT = 3611;
const RESEND_PORT = 3612;
const WORKERS = 12;

let database: TestDatabase;
let resend: FakeResend;
let app: RunningApp | null = null;

beforeAll(async () => {
  database = await startDatabase("cairn_pg_restart");
  await connectDb();
  await seed(db);
  resend = await startFakeResend(RESEND_PORT);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await app?.stop();
  await resend?.close();
  await disconnectDb();
  await database?.server.stop();
});

type Phase = "before" | "down" | "after";
type OrderAttempt = { phase: Phase; outcome: HttpOutcome };
type RedeemAttempt = { phase: Phase; outcome: RedeemOutcome };

describe("PostgreSQL restarted under load", () => {
  it("fails requests cleanly during the outage (503 + Retry-After, or 'unavailable'), half-writes nothing, and recovers without restarting the app", async () => {
    const members = await createMembers(60, 1_000_000, "pgr");
    const tour = await createExperience(Array.from({ length: 20 }, () => 1_000), 100, "pgr");
    const flask = await createProduct(100_000, 100, "pgr");
    const shop = await createShop();
    const actionId = serverActionId("lib/rewards/actions.ts", "redeemRewardAction");
    // This process's own pool reports the connections the shutdown closed; the app's log is read below.
    vi.spyOn(console, "error").mockImplementation(() => {});
    app = await startApp({ port: PORT, databaseUrl: database.appUrl, resendBaseUrl: resend.url });
    const running = app;

    let phase: Phase = "before";
    let stopping = false;
    const orderAttempts: OrderAttempt[] = [];
    const redeemAttempts: RedeemAttempt[] = [];
    /** Each order the shop sends, with every attempt's answer: it retries a 503 until it is taken. */
    const sentOrders: { externalId: string; final: HttpOutcome | null }[] = [];
    const pick = <T>(items: T[], n: number) => items[n % items.length];

    async function placeOrder(member: Member, externalId: string, shopRef: Shop) {
      const entry: { externalId: string; final: HttpOutcome | null } = { externalId, final: null };
      sentOrders.push(entry);
      const order = anOrder(externalId, member.email);
      for (;;) {
        const outcome = await sendOrder(running.base, shopRef, order);
        orderAttempts.push({ phase, outcome });
        if (outcome.status !== 503) {
          entry.final = outcome;
          return;
        }
        // A client honouring Retry-After would wait its 5 s; the test retries sooner (same contract, less waiting).
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    async function redeemOnce(member: Member, n: number) {
      const request: RedeemRequest =
        n % 2 === 0
          ? { actionId, slug: tour.reward.slug, cookie: member.cookie, input: { rewardId: tour.reward.id, sessionId: pick(tour.sessions, n >> 1).id, requestKey: crypto.randomUUID() } }
          : { actionId, slug: flask.slug, cookie: member.cookie, input: { rewardId: flask.id, ...shipping, requestKey: crypto.randomUUID() } };
      const outcome = await redeemOverHttp(running.base, request);
      redeemAttempts.push({ phase, outcome });
      // A person shown "try again" waits a moment before clicking again.
      if (outcome.kind === "refused" && outcome.code === "unavailable") await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const workers = Array.from({ length: WORKERS }, async (_, w) => {
      for (let n = 0; !stopping; n++) {
        const member = pick(members, w * 7 + n * WORKERS);
        if ((w + n) % 2 === 0) await placeOrder(member, `pgr-${w}-${n}`, shop);
        else await redeemOnce(member, w + n * WORKERS);
      }
    });

    const settled = (p: Phase) => ({
      orders: orderAttempts.filter((a) => a.phase === p && (a.outcome.status === 200 || a.outcome.status === 201)).length,
      redemptions: redeemAttempts.filter((a) => a.phase === p && a.outcome.kind === "redeemed").length,
    });
    const failedCleanly = () =>
      orderAttempts.filter((a) => a.phase === "down" && a.outcome.status === 503).length + redeemAttempts.filter((a) => a.phase === "down" && a.outcome.kind === "refused" && a.outcome.code === "unavailable").length;

    try {
      await waitFor("traffic to flow", () => settled("before").orders >= 15 && settled("before").redemptions >= 15);

      // ── the database goes away (fast shutdown terminates every session) while requests run ──
      phase = "down";
      await database.server.halt();
      await waitFor("requests to meet the outage", () => failedCleanly() >= 20);

      // ── and comes back; the app is not touched ──
      await database.server.resume();
      phase = "after";
      await waitFor("traffic to flow again", () => settled("after").orders >= 15 && settled("after").redemptions >= 15);
    } finally {
      stopping = true;
      await Promise.all(workers);
    }

    // The same process served throughout.
    expect(running.alive()).toBe(true);
    expect(running.log()).not.toMatch(/uncaughtException|unhandledRejection/);

    // Every answer was a success or a clean, retryable failure.
    const orderStatuses = new Set(orderAttempts.map((a) => a.outcome.status));
    expect([...orderStatuses].filter((s) => s !== 200 && s !== 201 && s !== 503)).toEqual([]);
    const unavailable = orderAttempts.filter((a) => a.outcome.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.filter((a) => a.outcome.status === 503 && a.outcome.retryAfter !== "5")).toEqual([]);
    const unclean = redeemAttempts.filter((a) => {
      const o = a.outcome;
      if (o.kind === "redeemed" || o.kind === "full") return false;
      if (o.kind === "refused") return o.code !== "unavailable" && o.code !== "conflict";
      return true;
    });
    expect(unclean.map((a) => a.outcome)).toEqual([]);

    // Every order the shop sent was taken exactly once, with its points.
    expect(sentOrders.every((o) => o.final && (o.final.status === 200 || o.final.status === 201))).toBe(true);
    const [{ n: stored }] = await db.select({ n: count() }).from(orders).where(eq(orders.integrationId, shop.id));
    expect(stored).toBe(sentOrders.length);
    const [{ n: postings }] = await db.select({ n: count() }).from(pointPostings).where(like(pointPostings.key, `order:${shop.id}:%`));
    expect(postings).toBe(sentOrders.length);

    // Nothing half-written: redemptions whole, seats and stock consistent, the ledger balanced.
    expect(await redemptionViolations([{ rewardId: flask.id, initial: 100_000 }])).toEqual([]);
    expect(await orderViolations(shop)).toEqual([]);
    const idle = await db.execute(sql`select count(*)::int as n from pg_stat_activity where state = 'idle in transaction'`);
    expect((idle as unknown as { rows: { n: number }[] }).rows[0].n).toBe(0);

    const tally = (p: Phase) => {
      const c = new Map<string, number>();
      for (const a of orderAttempts.filter((x) => x.phase === p)) c.set(`order ${a.outcome.status}`, (c.get(`order ${a.outcome.status}`) ?? 0) + 1);
      for (const a of redeemAttempts.filter((x) => x.phase === p)) {
        const key = `redeem ${a.outcome.kind === "refused" ? a.outcome.code : a.outcome.kind}`;
        c.set(key, (c.get(key) ?? 0) + 1);
      }
      return [...c].map(([k, n]) => `${k}: ${n}`).join(", ");
    };
    console.info(`[resilience] before: ${tally("before")} | down: ${tally("down")} | after: ${tally("after")}`);
  });
});
