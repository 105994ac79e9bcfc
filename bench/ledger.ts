/**
 * npm run bench:ledger — postings per second through the ledger's post() on a real PostgreSQL
 * server, at 1 and 8 clients, beside a bare-SQL baseline transaction of the same shape measured in
 * the same run (upsert-lock the balance row, read the expiry policy, insert the posting unless its
 * key exists, insert lot and two entries, update the balance). Prints a table and the ratio; writes bench/results/ledger.json.
 */
import { writeFileSync } from "node:fs";
import pg from "pg";
import { startPostgresServer, serverUrl } from "../tests/support/postgres-server";

const POSTINGS_PER_CLIENT = Number(process.env.BENCH_POSTINGS ?? 400);
const CLIENT_COUNTS = [1, 8];

type Measure = { clients: number; postings: number; seconds: number; perSecond: number };

async function timed(clients: number, run: (client: number, i: number) => Promise<unknown>): Promise<Measure> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < POSTINGS_PER_CLIENT; i++) await run(client, i);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const postings = clients * POSTINGS_PER_CLIENT;
  return { clients, postings, seconds, perSecond: postings / seconds };
}

async function main() {
  const server = await startPostgresServer();
  try {
    const admin = new pg.Client({ connectionString: serverUrl(server, "postgres") });
    await admin.connect();
    await admin.query("CREATE DATABASE cairn_bench");
    await admin.end();
    process.env.DATABASE_URL = serverUrl(server, "cairn_bench");
    process.env.AUTH_SECRET ??= "bench-secret-0123456789abcdef0123456789";

    const { createDatabase } = await import("../db/client");
    const migrator = await createDatabase({ driver: "pg", url: process.env.DATABASE_URL, max: 1 });
    await migrator.migrate();
    await migrator.close();

    const { connectDb, disconnectDb } = await import("../db");
    await connectDb();
    const { getOrCreateCustomer } = await import("../lib/ledger/customers");
    const { post } = await import("../lib/ledger/post");

    // one customer per client: measures throughput, not lock contention on one member
    const customers = await Promise.all(Array.from({ length: 8 }, (_, i) => getOrCreateCustomer(`bench-${i}@example.com`).then((c) => c.id)));
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    let seq = 0;

    const baseline = async (client: number) => {
      const key = `bench:sql:${seq++}`;
      const customerId = customers[client];
      const conn = await pool.connect();
      try {
        await conn.query("BEGIN");
        await conn.query("INSERT INTO point_balances (customer_id) VALUES ($1) ON CONFLICT (customer_id) DO UPDATE SET customer_id = excluded.customer_id RETURNING *", [customerId]);
        await conn.query("SELECT value FROM settings WHERE key = 'points'");
        const { rows } = await conn.query<{ id: number }>(
          "INSERT INTO point_postings (key, kind, customer_id, reason, memo, points) VALUES ($1, 'earn', $2, 'purchase', 'Purchase', 10) ON CONFLICT (key) DO NOTHING RETURNING id",
          [key, customerId],
        );
        const lot = await conn.query<{ id: number }>(
          "INSERT INTO point_lots (customer_id, posting_id, points, remaining, state, earned_at, expires_at) VALUES ($1, $2, 10, 10, 'available', now(), now() + interval '12 months') RETURNING id",
          [customerId, rows[0].id],
        );
        await conn.query(
          "INSERT INTO point_entries (posting_id, account, customer_id, lot_id, amount) VALUES ($1, 'program_issued', NULL, NULL, -10), ($1, 'member_available', $2, $3, 10)",
          [rows[0].id, customerId, lot.rows[0].id],
        );
        await conn.query("UPDATE point_balances SET available = available + 10, lifetime_earned = lifetime_earned + 10, updated_at = now() WHERE customer_id = $1", [customerId]);
        await conn.query("COMMIT");
      } catch (error) {
        await conn.query("ROLLBACK");
        throw error;
      } finally {
        conn.release();
      }
    };
    const ledger = (client: number) => post({ kind: "earn", key: `bench:ledger:${seq++}`, customerId: customers[client], points: 10, reason: "purchase", memo: "Purchase" });

    // warm up both paths (connections, plans, JIT of the code)
    await timed(2, baseline);
    await timed(2, ledger);

    const rows: { clients: number; baseline: Measure; ledger: Measure; ratio: number }[] = [];
    // Alternate the two paths over several rounds and keep each one's best: the database grows as
    // the run goes on, and the machine is shared, so a single back-to-back pair would favour the first.
    const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
    for (const clients of CLIENT_COUNTS) {
      let base: Measure | null = null;
      let led: Measure | null = null;
      for (let round = 0; round < ROUNDS; round++) {
        const pair = round % 2 === 0 ? [await timed(clients, baseline), await timed(clients, ledger)] : [null, await timed(clients, ledger)];
        if (round % 2 === 1) pair[0] = await timed(clients, baseline);
        const [b, l] = pair as [Measure, Measure];
        if (!base || b.perSecond > base.perSecond) base = b;
        if (!led || l.perSecond > led.perSecond) led = l;
      }
      rows.push({ clients, baseline: base!, ledger: led!, ratio: led!.perSecond / base!.perSecond });
    }
    await pool.end();
    await disconnectDb();

    console.log("\nledger postings per second (real PostgreSQL, same run)\n");
    console.log("clients  bare SQL/s  ledger/s  ratio");
    for (const r of rows) console.log(`${String(r.clients).padStart(7)}  ${r.baseline.perSecond.toFixed(0).padStart(10)}  ${r.ledger.perSecond.toFixed(0).padStart(8)}  ${r.ratio.toFixed(2).padStart(5)}`);
    const at8 = rows.find((r) => r.clients === 8)!;
    console.log(`\ntarget: ledger ≥ 0.70 × baseline at 8 clients → ${at8.ratio.toFixed(2)} ${at8.ratio >= 0.7 ? "(met)" : "(NOT met)"}`);
    writeFileSync("bench/results/ledger.json", JSON.stringify({ measuredAt: new Date().toISOString(), postingsPerClient: POSTINGS_PER_CLIENT, rows }, null, 2));
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
