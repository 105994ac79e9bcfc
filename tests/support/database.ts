import pg from "pg";
import { inject } from "vitest";
import { assertLocalDatabaseUrl } from "./local-database";
import "./provided-context";
import { serverUrl } from "./postgres-server";

/** Helpers for integration tests (the worker's database is prepared by tests/setup/integration.ts). */

/** The migration journal lives in its own schema and table; truncating it would re-run migrations. */
const KEEP_TABLES = new Set(["drizzle.__drizzle_migrations", "public.__drizzle_migrations"]);

/** The database of this test file's worker, for extra connections (race tests open several). */
export function getTestDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: is tests/setup/integration.ts in the project's setupFiles?");
  assertLocalDatabaseUrl(url);
  return url;
}

/** A URL on the test server itself (default: the `postgres` maintenance database). */
export function adminUrl(database = "postgres"): string {
  return serverUrl(inject("postgres"), database);
}

/** A fresh node-postgres connection to the worker's database; the caller ends it. */
export async function connectClient(url = getTestDatabaseUrl()): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Empties every app table (all schemas but the system ones), keeping the migration journal. */
export async function truncateAll(): Promise<void> {
  const client = await connectClient();
  try {
    const { rows } = await client.query<{ schema: string; name: string }>(
      `select schemaname as schema, tablename as name from pg_tables
       where schemaname not in ('pg_catalog', 'information_schema')`,
    );
    const tables = rows
      .filter((t) => !KEEP_TABLES.has(`${t.schema}.${t.name}`))
      .map((t) => `${client.escapeIdentifier(t.schema)}.${client.escapeIdentifier(t.name)}`);
    if (tables.length) await client.query(`TRUNCATE ${tables.join(", ")} RESTART IDENTITY CASCADE`);
  } finally {
    await client.end();
  }
}
