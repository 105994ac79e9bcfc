import pg from "pg";
import { afterAll, inject } from "vitest";
import { assertLocalDatabaseUrl } from "../support/local-database";
import "../support/provided-context";
import { serverUrl } from "../support/postgres-server";

/**
 * Integration tier, before each test file: give the worker a fresh copy of the migrated template
 * and point the app's `db` at it. Runs before the test file imports anything, so lib/env parses
 * the DATABASE_URL set here.
 */

const server = inject("postgres");
// VITEST_POOL_ID is 1…maxWorkers and unique among the files running at the same time.
const name = `cairn_w${process.env.VITEST_POOL_ID ?? "1"}`;
const url = serverUrl(server, name);
assertLocalDatabaseUrl(url);

// The cached env and database live on globalThis (lib/env.ts, db/index.ts); they are cleared after
// each file, so a worker reused across files (isolate: false) connects afresh too.
const globals = globalThis as unknown as { cairnEnv?: unknown };

const admin = new pg.Client({ connectionString: serverUrl(server, "postgres") });
await admin.connect();
try {
  // FORCE: a worker that ran the previous file on this pool id may still be closing its connections.
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  // FILE_COPY (PostgreSQL 15+) copies the small template in ~40 ms; the default WAL_LOG takes 100–500 ms.
  const { rows } = await admin.query<{ server_version_num: string }>("SHOW server_version_num");
  const strategy = Number(rows[0].server_version_num) >= 150000 ? " STRATEGY FILE_COPY" : "";
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${server.template}${strategy}`);
} finally {
  await admin.end();
}

process.env.DATABASE_URL = url;
// Integration tests run the embedded billing and email adapters, whatever the shell exports.
for (const key of ["DATABASE_DRIVER", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "RESEND_API_KEY"]) delete process.env[key];
// A fixed secret, so parsing the env does not write .data/auth-secret into the working tree.
process.env.AUTH_SECRET ??= "integration-tests-secret-0123456789abcdef";
delete globals.cairnEnv;

const { connectDb, disconnectDb } = await import("@/db");
await connectDb();

afterAll(async () => {
  delete globals.cairnEnv;
  await disconnectDb();
});
