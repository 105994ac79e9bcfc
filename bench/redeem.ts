/**
 * npm run bench:redeem — experience bookings per second through redeem() on a real PostgreSQL
 * server at 8 clients, (a) all on one hot session with a large capacity (every booking updates the
 * same seat counter, so they queue on that row) and (b) spread round-robin over many sessions, each
 * beside the ledger's bare-SQL baseline posting transaction (as in bench/ledger.ts) measured in the
 * same run. Prints the ratios; writes bench/results/redeem.json.
 */
import { writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import pg from "pg";
import { bareSqlPosting, startBenchDatabase, timed as timedLoop, type Measure } from "./support";

const PER_CLIENT = Number(process.env.BENCH_REDEMPTIONS ?? 200);
const CLIENTS = 8;
const MEMBERS_PER_CLIENT = 25;
const SPREAD_SESSIONS = 64;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const COST = 10;

const timed = (clients: number, run: (client: number, i: number) => Promise<unknown>, perClient = PER_CLIENT) => timedLoop(clients, perClient, run);

async function main() {
  const server = await startBenchDatabase();
  try {
    const { connectDb, disconnectDb, db } = await import("../db");
    await connectDb();
    const { experienceSessions, rewards } = await import("../db/schema");
    const { getOrCreateCustomer } = await import("../lib/ledger/customers");
    const { post } = await import("../lib/ledger/post");
    const { redeem } = await import("../lib/rewards/redeem");

    // Members: each client books for its own members in turn (different people booking, no lock
    // contention between clients on a balance row), each rich enough for the whole run.
    const members = await Promise.all(
      Array.from({ length: CLIENTS * MEMBERS_PER_CLIENT }, async (_, i) => {
        const c = await getOrCreateCustomer(`bench-${i}@example.com`);
        await post({ kind: "earn", key: `bench:seed:${i}`, customerId: c.id, points: 10_000_000, reason: "purchase", memo: "Bench" });
        return c.id;
      }),
    );
    const memberFor = (client: number, i: number) => members[client * MEMBERS_PER_CLIENT + (i % MEMBERS_PER_CLIENT)];

    const [reward] = await db.insert(rewards).values({ slug: "bench-tour", title: "Bench tour", kind: "experience", status: "active", pointsCost: COST }).returning();
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 3_600_000);
    // perMemberLimit lifted: a member books the same session many times over the run.
    const sessionValues = (capacity: number) => ({ rewardId: reward.id, startsAt, endsAt, capacity, perMemberLimit: 1_000_000 });
    const [hot] = await db.insert(experienceSessions).values(sessionValues(1_000_000)).returning();
    const spread = await db.insert(experienceSessions).values(Array.from({ length: SPREAD_SESSIONS }, () => sessionValues(100_000))).returning();

    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    let seq = 0;
    // The ledger bench's baseline: one earn posting in bare SQL, the same statements post() runs.
    const sqlPosting = bareSqlPosting(pool);
    const baseline = (client: number, i: number) => sqlPosting(`bench:sql:${seq++}`, memberFor(client, i));
    const book = (sessionId: (client: number, i: number) => string) => async (client: number, i: number) => {
      const result = await redeem({ customerId: memberFor(client, i), rewardId: reward.id, sessionId: sessionId(client, i) });
      if (result.status !== "redeemed") throw new Error(`not booked: ${result.status}`);
    };
    const hotBooking = book(() => hot.id);
    const spreadBooking = book((client, i) => spread[(client * PER_CLIENT + i) % SPREAD_SESSIONS].id);

    // warm up every path (connections, plans, JIT of the code)
    await timed(2, baseline, 50);
    await timed(2, hotBooking, 50);
    await timed(2, spreadBooking, 50);

    // Alternate the paths over rounds, each keeping its best: the tables grow as the run goes on,
    // and the machine is shared, so a fixed order would favour whichever ran first.
    const paths = { baseline, hot: hotBooking, spread: spreadBooking };
    const best: Record<keyof typeof paths, Measure | null> = { baseline: null, hot: null, spread: null };
    const orders: (keyof typeof paths)[][] = [
      ["baseline", "hot", "spread"],
      ["spread", "hot", "baseline"],
      ["hot", "baseline", "spread"],
    ];
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of orders[round % orders.length]) {
        const m = await timed(CLIENTS, paths[name]);
        if (!best[name] || m.perSecond > best[name]!.perSecond) best[name] = m;
      }
    }
    await pool.end();

    const [after] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, hot.id));
    await disconnectDb();

    const base = best.baseline!;
    const rows = [
      { scenario: "one hot session", redeem: best.hot!, ratio: best.hot!.perSecond / base.perSecond },
      { scenario: `spread over ${SPREAD_SESSIONS} sessions`, redeem: best.spread!, ratio: best.spread!.perSecond / base.perSecond },
    ];
    console.log(`\nexperience bookings per second at ${CLIENTS} clients (real PostgreSQL, same run)\n`);
    console.log(`baseline (bare-SQL posting transaction): ${base.perSecond.toFixed(0)}/s\n`);
    console.log("scenario                     redeem/s  × baseline");
    for (const r of rows) console.log(`${r.scenario.padEnd(27)}  ${r.redeem.perSecond.toFixed(0).padStart(8)}  ${r.ratio.toFixed(2).padStart(10)}`);
    console.log(`\nhot ÷ spread: ${(best.hot!.perSecond / best.spread!.perSecond).toFixed(2)} (the cost of queueing on one seat counter)`);
    console.log(`hot session seats taken over the run: ${after.booked}`);
    writeFileSync(
      "bench/results/redeem.json",
      JSON.stringify({ measuredAt: new Date().toISOString(), clients: CLIENTS, redemptionsPerClient: PER_CLIENT, rounds: ROUNDS, spreadSessions: SPREAD_SESSIONS, baseline: base, rows }, null, 2),
    );
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
