/** What the benchmarks share: a private PostgreSQL, a timing loop, and the bare-SQL posting baseline. */
import pg from "pg";
import { startPostgresServer, serverUrl, type PostgresServer } from "../tests/support/postgres-server";

export type Measure = { clients: number; operations: number; seconds: number; perSecond: number };

/** Runs `perClient` operations on each of `clients` concurrent loops. */
export async function timed(clients: number, perClient: number, run: (client: number, i: number) => Promise<unknown>): Promise<Measure> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < perClient; i++) await run(client, i);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const operations = clients * perClient;
  return { clients, operations, seconds, perSecond: operations / seconds };
}

/** A private server with a migrated `cairn_bench` database; DATABASE_URL points at it. */
export async function startBenchDatabase(): Promise<PostgresServer> {
  const server = await startPostgresServer();
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
  return server;
}

/**
 * The baseline: one earn posting in bare SQL — the same statements the ledger's post() sends
 * (upsert-lock the balance row, read the expiry policy, insert the posting unless its key exists,
 * insert lot and two entries, update the balance) — on a plain node-postgres pool.
 */
export function bareSqlPosting(pool: pg.Pool) {
  return async (key: string, customerId: string) => {
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
}
