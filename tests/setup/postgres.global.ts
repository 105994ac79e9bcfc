import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDatabase } from "@/db/client";
import { assertLocalDatabaseUrl } from "../support/local-database";
import "../support/provided-context";
import { serverUrl, startPostgresServer } from "../support/postgres-server";

/**
 * Integration tier, once per run: start a private PostgreSQL server, build `cairn_template` with
 * the project's migrations, and hand the server to the workers (tests/setup/integration.ts), which
 * copy the template into a database of their own.
 */

const TEMPLATE_DATABASE = "cairn_template";

export default async function setup(project: TestProject) {
  const started = performance.now();
  const server = await startPostgresServer();
  try {
    const booted = performance.now();
    const admin = new pg.Client({ connectionString: serverUrl(server, "postgres") });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
      const templateUrl = serverUrl(server, TEMPLATE_DATABASE);
      assertLocalDatabaseUrl(templateUrl);
      const database = await createDatabase({ driver: "pg", url: templateUrl, max: 1 });
      try {
        await database.migrate();
      } finally {
        await database.close();
      }
      // Nobody may connect to the template: CREATE DATABASE … TEMPLATE fails while it has sessions.
      await admin.query(`ALTER DATABASE ${TEMPLATE_DATABASE} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    } finally {
      await admin.end();
    }
    const { host, port, user, socketDir, version } = server;
    project.provide("postgres", { host, port, user, socketDir, version, template: TEMPLATE_DATABASE });
    const ms = (t: number) => Math.round(t);
    console.info(
      `[postgres] ${version} on ${host}:${port}: started in ${ms(booted - started)} ms, template migrated in ${ms(performance.now() - booted)} ms`,
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  return async () => {
    await server.stop();
  };
}
