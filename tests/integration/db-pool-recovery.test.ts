import { spawnSync } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { createDatabase } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/errors";
import { getTestDatabaseUrl } from "../support/database";
import { requirePostgresBinaries } from "../support/postgres-server";

/**
 * Quality gates, resilience: the node-postgres pool across a dropped connection (a database restart
 * or failover does this to every connection). drizzle's transaction() sends BEGIN before its
 * try/finally, so a connection that died unnoticed was never released and the pool lost a slot
 * for good; with every slot lost, every request waited forever. db/client.ts releases it.
 */

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];

describe("the pg pool after the server drops a connection", () => {
  it("fails the transaction that met the dead connection as 'unavailable', and keeps the pool's capacity for the next", async () => {
    const server = inject("postgres");
    const psql = path.join(requirePostgresBinaries(), "psql");
    // One connection, so a lost slot would show as the next transaction never starting.
    const database = await createDatabase({ driver: "pg", url: getTestDatabaseUrl(), max: 1 });
    try {
      const [{ pid }] = rowsOf<{ pid: number }>(await database.db.execute(sql`select pg_backend_pid() as pid`));
      // The server ends that (idle, pooled) connection while this process cannot notice: spawnSync
      // blocks the event loop, so the pool hands the dead connection to the next transaction, whose
      // BEGIN meets the server's goodbye — what happens to busy pools when the database restarts.
      const terminated = spawnSync(psql, ["-h", server.host, "-p", String(server.port), "-U", server.user, "-d", "postgres", "-Atc", `select pg_terminate_backend(${pid})`], {
        encoding: "utf8",
      });
      expect(terminated.stdout.trim()).toBe("t");
      const first = await database.db.transaction(async (tx) => tx.execute(sql`select 1`)).then(
        () => null,
        (error: unknown) => error,
      );
      expect(first).not.toBeNull();
      expect(isDatabaseUnavailable(first)).toBe(true);

      // The pool opens a fresh connection: nothing waits for the dead one to come back.
      const [{ alive }] = rowsOf<{ alive: number }>(await database.db.transaction(async (tx) => tx.execute(sql`select 1 as alive`)));
      expect(alive).toBe(1);
      const [{ pid: next }] = rowsOf<{ pid: number }>(await database.db.execute(sql`select pg_backend_pid() as pid`));
      expect(next).not.toBe(pid);
    } finally {
      await database.close();
    }
  });
});
