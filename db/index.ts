import "server-only";
import { getEnv } from "@/lib/env";
import { chooseDriver, createDatabase, type Database, type Db } from "./client";

export type { Db, Tx } from "./client";

// One database per process: PGlite allows a single open handle, and pools must not multiply under
// Next's dev-mode module reloading, so the instance lives on globalThis.
const globalForDb = globalThis as unknown as { cairnDatabase?: Promise<Database>; cairnDb?: Db };

export function getDatabase(): Promise<Database> {
  globalForDb.cairnDatabase ??= (async () => {
    const env = getEnv();
    const driver = chooseDriver(env.DATABASE_URL, env.DATABASE_DRIVER);
    const database =
      driver === "pglite"
        ? await createDatabase({ driver, dir: env.PGLITE_DIR })
        : await createDatabase({ driver, url: env.DATABASE_URL! });
    // The embedded database migrates itself at start; a shared one is migrated by `npm run db:migrate`.
    if (driver === "pglite") await database.migrate();
    return database;
  })();
  return globalForDb.cairnDatabase;
}

/** Resolves the database once; instrumentation awaits it at server start. */
export async function connectDb(): Promise<Db> {
  globalForDb.cairnDb ??= (await getDatabase()).db;
  return globalForDb.cairnDb;
}

/**
 * The app's database handle. It is bound at server start (instrumentation) and in test setup, so
 * nothing opens a connection at import time — `next build` imports modules in parallel workers,
 * and PGlite allows one process at a time.
 */
/** Which driver this process uses (after connectDb). */
export async function currentDriver(): Promise<Database["driver"]> {
  return (await getDatabase()).driver;
}

/** Closes the process's database (tests, scripts); the next connectDb() opens it afresh. */
export async function disconnectDb(): Promise<void> {
  const database = globalForDb.cairnDatabase;
  delete globalForDb.cairnDatabase;
  delete globalForDb.cairnDb;
  await (await database)?.close();
}

function current(): Db {
  const resolved = globalForDb.cairnDb;
  if (!resolved) throw new Error("Database not connected yet: await connectDb() first (instrumentation.ts does this at start).");
  return resolved;
}

export const db: Db = new Proxy({} as Db, {
  // drizzle's is() walks the prototype chain, so the proxy must report the real one
  getPrototypeOf: () => Object.getPrototypeOf(current()),
  get(_target, prop) {
    const resolved = current();
    const value = Reflect.get(resolved, prop, resolved);
    return typeof value === "function" ? value.bind(resolved) : value;
  },
});
