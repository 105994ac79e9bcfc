import { count, eq, inArray, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, db, disconnectDb } from "@/db";
import { emailOutbox, orders, pointPostings, redemptions } from "@/db/schema";
import { seed } from "@/db/seed";
import { APP_CONNECTION_NAME, serverActionId, startApp, startDatabase, startFakeResend, type FakeResend, type RunningApp, type TestDatabase } from "./support/app";
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
  type RedeemOutcome,
  type RedeemRequest,
} from "./support/load";
import { waitFor } from "./support/wait";

/**
 * Quality gates, resilience: `kill -9` of `next start` in the middle of 200 concurrent redemptions
 * and 200 order postings, then a restart. Each redemption is one transaction (balance lock, checks,
 * redemption, posting, ticket, seat or unit), each order too (order, posting), so a killed process
 * can leave only whole ones: PostgreSQL rolls back whatever was in flight when its connections died.
 */

const PORT = 3601;
const RESEND_PORT = 3602;
const MEMBERS = 200;

let database: TestDatabase;
let resend: FakeResend;
let app: RunningApp | null = null;

beforeAll(async () => {
  database = await startDatabase("cairn_kill");
  await connectDb();
  await seed(db);
  resend = await startFakeResend(RESEND_PORT);
});

afterAll(async () => {
  await app?.stop();
  await resend?.close();
  await disconnectDb();
  await database?.server.stop();
});

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];

async function appConnections(): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from pg_stat_activity where application_name = ${APP_CONNECTION_NAME}`));
  return row.n;
}

describe("next start killed with SIGKILL under load", () => {
  it("leaves every redemption and order whole or absent, loses nothing it acknowledged, and takes the rest after a restart", async () => {
    const members = await createMembers(MEMBERS, 5_000, "kill");
    // 100 bookings for 80 seats, 100 product redemptions for 60 units: both capacities run out under load.
    const tour = await createExperience([20, 20, 20, 20], 400, "kill");
    const flask = await createProduct(60, 300, "kill");
    const shop = await createShop();
    const actionId = serverActionId("lib/rewards/actions.ts", "redeemRewardAction");
    // Each member's form, with the request key its page rendered: a retry resends the same form.
    const requests = members.map((m, i): RedeemRequest =>
      i % 2 === 0
        ? { actionId, slug: tour.reward.slug, cookie: m.cookie, input: { rewardId: tour.reward.id, sessionId: tour.sessions[(i / 2) % 4].id, requestKey: crypto.randomUUID() } }
        : { actionId, slug: flask.slug, cookie: m.cookie, input: { rewardId: flask.id, ...shipping, requestKey: crypto.randomUUID() } },
    );
    const storeOrders = members.map((m, i) => anOrder(`kill-${i}`, m.email));
    const stock = [{ rewardId: flask.id, initial: 60 }];

    app = await startApp({ port: PORT, databaseUrl: database.appUrl, resendBaseUrl: resend.url });
    const running = app;

    // ── 400 requests at once; SIGKILL once a few of each kind have been answered ──
    let answeredRedemptions = 0;
    let answeredOrders = 0;
    // Interleaved, so the two kinds compete for the same connections and locks.
    const redeeming: Promise<RedeemOutcome>[] = [];
    const posting: Promise<HttpOutcome>[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      redeeming.push(redeemOverHttp(running.base, requests[i]).finally(() => answeredRedemptions++));
      posting.push(sendOrder(running.base, shop, storeOrders[i]).finally(() => answeredOrders++));
    }
    // (Answers lag commits: after its commit a request still waits for a pooled connection to write
    // its email, behind everything queued. So "answered" marks the middle, not the end.)
    await waitFor(
      "30 committed redemptions and orders, and an answered order",
      async () => {
        const [[r], [o]] = await Promise.all([db.select({ n: count() }).from(redemptions), db.select({ n: count() }).from(orders).where(eq(orders.integrationId, shop.id))]);
        return r.n >= 30 && o.n >= 30 && answeredOrders >= 1;
      },
      { everyMs: 2 },
    );
    expect(await running.kill9()).toBe("SIGKILL");
    app = null;
    const [redeemed, posted] = await Promise.all([Promise.all(redeeming), Promise.all(posting)]);

    // The kill happened mid-load: requests of both kinds were cut off without an answer.
    const unanswered = redeemed.filter((r) => r.kind === "no-answer").length;
    const unansweredOrders = posted.filter((p) => p.status === "no-answer").length;
    expect(unanswered).toBeGreaterThan(0);
    expect(unansweredOrders).toBeGreaterThan(0);
    // What was answered before the kill was answered properly: booked, full, or sold out ("conflict").
    expect(redeemed.filter((r) => r.kind === "http" || (r.kind === "refused" && r.code !== "conflict"))).toEqual([]);
    expect(posted.filter((p) => p.status !== "no-answer" && p.status !== 201)).toEqual([]);

    // ── after the crash, before any restart: PostgreSQL has rolled back what was in flight ──
    await waitFor("the killed app's connections to close", async () => (await appConnections()) === 0);
    expect(await redemptionViolations(stock)).toEqual([]);
    expect(await orderViolations(shop)).toEqual([]);
    // Everything acknowledged is there (a commit is a commit, whatever happened next).
    const acknowledged = redeemed.flatMap((r) => (r.kind === "redeemed" && r.redemptionId ? [r.redemptionId] : []));
    if (acknowledged.length) expect(await db.select({ id: redemptions.id }).from(redemptions).where(inArray(redemptions.id, acknowledged))).toHaveLength(acknowledged.length);
    const acknowledgedOrders = storeOrders.filter((_, i) => posted[i].status === 201).map((o) => o.externalId);
    expect(acknowledgedOrders.length).toBeGreaterThan(0);
    expect(await db.select({ id: orders.id }).from(orders).where(inArray(orders.externalId, acknowledgedOrders))).toHaveLength(acknowledgedOrders.length);
    const [{ n: committedBeforeRestart }] = await db.select({ n: count() }).from(redemptions);
    // The known gap (docs/decisions/0013-resilience.md): a confirmation email is written after the
    // commit, so a kill in between loses it. Measured, not asserted.
    const [{ n: confirmations }] = await db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.template, "redemption-confirmed"));

    // ── restart: clients retry what got no answer ──
    app = await startApp({ port: PORT, databaseUrl: database.appUrl, resendBaseUrl: resend.url });
    const restarted = app;
    // The shop resends every order it has no answer for: each one counts exactly once.
    const resent = await Promise.all(storeOrders.map((order, i) => (posted[i].status === "no-answer" ? sendOrder(restarted.base, shop, order) : Promise.resolve(posted[i]))));
    expect(resent.map((r) => r.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    const [{ n: orderCount }] = await db.select({ n: count() }).from(orders).where(eq(orders.integrationId, shop.id));
    expect(orderCount).toBe(MEMBERS);
    const [{ n: orderPostings }] = await db.select({ n: count() }).from(pointPostings).where(like(pointPostings.key, `order:${shop.id}:%`));
    expect(orderPostings).toBe(MEMBERS);

    // Members retry the redemptions they got no answer for, resending the same form: a redemption
    // that did commit comes back as it was (its request key), not doubled. The limits stand behind
    // that: bookings are one per member per session, and the product now one per member.
    await db.execute(sql`update rewards set per_member_limit = 1 where id = ${flask.id}`);
    const retried: RedeemOutcome[] = await Promise.all(requests.filter((_, i) => redeemed[i].kind === "no-answer").map((request) => redeemOverHttp(restarted.base, request)));
    // Booked, full, sold out or "already booked" (both "conflict") — nothing else.
    expect(retried.filter((r) => r.kind === "no-answer" || r.kind === "http" || (r.kind === "refused" && r.code !== "conflict"))).toEqual([]);
    const tally = (outcomes: RedeemOutcome[]) => {
      const counts = new Map<string, number>();
      for (const r of outcomes) counts.set(r.kind === "refused" ? `refused:${r.code}` : r.kind, (counts.get(r.kind === "refused" ? `refused:${r.code}` : r.kind) ?? 0) + 1);
      return [...counts].map(([k, n]) => `${k} ${n}`).join(", ");
    };
    console.info(`[resilience] killed with ${committedBeforeRestart} redemptions committed (${confirmations} with their confirmation email written); answers before the kill: ${tally(redeemed)}; orders unanswered: ${unansweredOrders}; redemptions retried after the restart: ${tally(retried)}`);

    const [{ n: finalRedemptions }] = await db.select({ n: count() }).from(redemptions);
    expect(finalRedemptions).toBeGreaterThanOrEqual(committedBeforeRestart);
    // Both capacities ran out, and no member holds two of anything.
    expect(finalRedemptions).toBe(80 + 60);
    const doubles = rowsOf<{ customer_id: string }>(
      await db.execute(sql`select customer_id from redemptions group by customer_id, reward_id, session_id having count(*) > 1`),
    );
    expect(doubles).toEqual([]);
    expect(await redemptionViolations(stock)).toEqual([]);
    expect(await orderViolations(shop)).toEqual([]);
  });
});
