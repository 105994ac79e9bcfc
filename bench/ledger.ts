/**
 * npm run bench:ledger — postings per second through the ledger's post() on a real PostgreSQL
 * server, at 1 and 8 clients, beside a bare-SQL baseline transaction of the same shape measured in
 * the same run (upsert-lock the balance row, read the expiry policy, insert the posting unless its
 * key exists, insert lot and two entries, update the balance). Prints a table and the ratio; writes bench/results/ledger.json.
 */
import { writeFileSync } from "node:fs";
import pg from "pg";
import { bareSqlPosting, startBenchDatabase, timed as timedLoop, type Measure } from "./support";

const POSTINGS_PER_CLIENT = Number(process.env.BENCH_POSTINGS ?? 400);
const CLIENT_COUNTS = [1, 8];

const timed = (clients: number, run: (client: number, i: number) => Promise<unknown>) => timedLoop(clients, POSTINGS_PER_CLIENT, run);

async function main() {
  const server = await startBenchDatabase();
  try {
    const { connectDb, disconnectDb } = await import("../db");
    await connectDb();
    const { getOrCreateCustomer } = await import("../lib/ledger/customers");
    const { post } = await import("../lib/ledger/post");

    // one customer per client: measures throughput, not lock contention on one member
    const customers = await Promise.all(Array.from({ length: 8 }, (_, i) => getOrCreateCustomer(`bench-${i}@example.com`).then((c) => c.id)));
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    let seq = 0;

    const sqlPosting = bareSqlPosting(pool);
    const baseline = (client: number) => sqlPosting(`bench:sql:${seq++}`, customers[client]);
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
