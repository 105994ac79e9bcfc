import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

/** The one database type the app codes against, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; services that must join a caller's transaction accept `Db | Tx`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type Driver = "pglite" | "neon" | "pg";

export type DatabaseOptions = { driver: "pglite"; dir: string } | { driver: "neon" | "pg"; url: string; max?: number };

export type Database = {
  db: Db;
  driver: Driver;
  migrate: () => Promise<void>;
  close: () => Promise<void>;
};

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/**
 * Which driver serves a URL: Neon hosts (or DATABASE_DRIVER=neon) get the WebSocket Pool, because
 * the HTTP driver cannot run the interactive transactions the ledger needs; any other Postgres gets
 * node-postgres; no URL at all gets the embedded PGlite. Decision: docs/decisions/0001-database-drivers.md
 */
export function chooseDriver(url: string | undefined, forced?: Driver): Driver {
  if (forced) return forced;
  if (!url) return "pglite";
  const host = new URL(url).hostname;
  return host === "neon.tech" || host.endsWith(".neon.tech") ? "neon" : "pg";
}

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  switch (options.driver) {
    case "pglite": {
      const { PGlite } = await import("@electric-sql/pglite");
      const { drizzle } = await import("drizzle-orm/pglite");
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      // PGlite needs its parent folder; "memory://" is an in-memory database (tests, tools).
      if (!options.dir.startsWith("memory://")) mkdirSync(path.dirname(path.resolve(options.dir)), { recursive: true });
      const client = new PGlite(options.dir);
      await client.waitReady;
      const db = drizzle({ client, schema });
      return {
        db: db as unknown as Db,
        driver: "pglite",
        migrate: () => migrate(db, { migrationsFolder }),
        close: () => client.close(),
      };
    }
    case "neon": {
      const { Pool, neonConfig } = await import("@neondatabase/serverless");
      const { drizzle } = await import("drizzle-orm/neon-serverless");
      const { migrate } = await import("drizzle-orm/neon-serverless/migrator");
      const { default: ws } = await import("ws");
      // Node 20 has no global WebSocket client.
      neonConfig.webSocketConstructor ??= ws;
      const pool = new Pool({ connectionString: options.url, max: options.max ?? 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
      // An idle connection the server dropped is removed from the pool and reported here, not thrown.
      pool.on("error", (error: Error) => console.error("[db] an idle connection failed; the pool will open a new one", error.message));
      const db = drizzle({ client: pool, schema });
      return {
        db: db as unknown as Db,
        driver: "neon",
        migrate: () => migrate(db, { migrationsFolder }),
        close: () => pool.end(),
      };
    }
    case "pg": {
      const { Pool } = await import("pg");
      const { drizzle } = await import("drizzle-orm/node-postgres");
      const { migrate } = await import("drizzle-orm/node-postgres/migrator");
      const pool = survivesRestarts(new Pool({ connectionString: options.url, max: options.max ?? 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }));
      const db = drizzle({ client: pool, schema, logger: process.env.DB_LOG === "1" });
      return {
        db: db as unknown as Db,
        driver: "pg",
        migrate: () => migrate(db, { migrationsFolder }),
        close: () => pool.end(),
      };
    }
  }
}

/**
 * A request waits at most this long for a connection (the pool is full, or the server does not
 * answer); then it fails and the route answers 503 + Retry-After instead of hanging.
 */
const CONNECT_TIMEOUT_MS = 10_000;

type PgPool = import("pg").Pool;
type PgPoolClient = import("pg").PoolClient;

/**
 * node-postgres across a database restart or failover (docs/decisions/0013-resilience.md):
 * - an idle connection the server closed is dropped by the pool, which emits "error": logged here,
 *   not an uncaught exception;
 * - a checked-out connection that fails between queries emits "error" on its client: listened to,
 *   and its next query fails, so the request fails (503) and the pool discards it on release;
 * - drizzle's transaction() sends BEGIN before its try/finally, so a connection that died just
 *   before BEGIN was never released: the pool would shrink by one per restart until every request
 *   waited forever. A client whose connection ends while checked out is released (as broken) here,
 *   and a second release is a no-op.
 * New connections are opened on demand, so the app recovers as soon as the server accepts them.
 */
function survivesRestarts<P extends PgPool>(pool: P): P {
  pool.on("error", (error) => console.error("[db] an idle connection failed; the pool will open a new one", error.message));
  pool.on("connect", (client) => {
    client.on("error", () => {
      // the query that runs into it reports the failure; the pool discards the client on release
    });
  });
  const connect = pool.connect.bind(pool) as (callback?: (...args: unknown[]) => void) => Promise<PgPoolClient> | void;
  // Only the promise form (drizzle's transactions); pool.query() uses the callback form and
  // always releases its client.
  (pool as { connect: unknown }).connect = (callback?: (...args: unknown[]) => void) => {
    if (callback) return connect(callback);
    return (connect() as Promise<PgPoolClient>).then(releaseWhenEnded);
  };
  return pool;
}

function releaseWhenEnded(client: PgPoolClient): PgPoolClient {
  const release = client.release;
  let released = false;
  const onEnd = () => {
    if (released) return;
    released = true;
    release.call(client, new Error("the connection ended while checked out"));
  };
  client.once("end", onEnd);
  client.release = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener("end", onEnd);
    release.call(client, error);
  };
  return client;
}

/** For scripts: the database the environment names (DATABASE_URL, DATABASE_DRIVER, PGLITE_DIR). */
export function createDatabaseFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  const url = env.DATABASE_URL || undefined;
  const driver = chooseDriver(url, env.DATABASE_DRIVER as Driver | undefined);
  return driver === "pglite" ? createDatabase({ driver, dir: env.PGLITE_DIR || ".data/pglite" }) : createDatabase({ driver, url: url! });
}
