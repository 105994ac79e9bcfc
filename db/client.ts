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
      const pool = new Pool({ connectionString: options.url, max: options.max ?? 10 });
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
      const pool = new Pool({ connectionString: options.url, max: options.max ?? 10 });
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

/** For scripts: the database the environment names (DATABASE_URL, DATABASE_DRIVER, PGLITE_DIR). */
export function createDatabaseFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  const url = env.DATABASE_URL || undefined;
  const driver = chooseDriver(url, env.DATABASE_DRIVER as Driver | undefined);
  return driver === "pglite" ? createDatabase({ driver, dir: env.PGLITE_DIR || ".data/pglite" }) : createDatabase({ driver, url: url! });
}
