import { inject } from "vitest";
import { startApp, type AppServer } from "./app-server";
import { copyBase, ensureBase, SECURITY_AUTH_SECRET, type Fixture } from "./fixtures";
import { describeChanges, diffSnapshots, snapshotDatabase, type Snapshot, type TableChange } from "./snapshot";
import type { Caller } from "./http";
import "./provided-context";

/**
 * One test file's run of the app: a fresh copy of the fixture database, its checksum taken before
 * the server starts, the server, and at the end the server stopped and the database compared.
 */
export type AppRun = {
  fixture: Fixture;
  app: AppServer;
  url: string;
  callers: { anonymous: Caller; attacker: Caller; victim: Caller; admin: Caller };
  /** Stops the server and returns the rows that changed since the start (tables in `ignore` aside). */
  finish: (options?: { ignore?: readonly string[] }) => Promise<{ changes: TableChange[]; described: string }>;
};

/** `https`: the app believes it is served over TLS (AUTH_URL https://…), as a deployment is. */
export async function startRun(name: string, options: { https?: boolean } = {}): Promise<AppRun> {
  const fixture = await ensureBase();
  const pgliteDir = copyBase(name);
  const before: Snapshot = await snapshotDatabase(pgliteDir);
  const { port } = inject("security");
  const authUrl = options.https ? `https://localhost:${port}/api/auth` : undefined;
  const app = await startApp({ pgliteDir, port, authSecret: SECURITY_AUTH_SECRET, authUrl });
  const cookieName = options.https ? "__Secure-authjs.session-token" : undefined;
  let stopped = false;
  return {
    fixture,
    app,
    url: app.url,
    callers: {
      anonymous: { name: "anonymous", sessionToken: null },
      attacker: { name: "a member", sessionToken: fixture.attacker.sessionToken, cookieName },
      victim: { name: "the victim", sessionToken: fixture.victim.sessionToken, cookieName },
      admin: { name: "an admin", sessionToken: fixture.admin.sessionToken, cookieName },
    },
    finish: async (options = {}) => {
      if (!stopped) await app.stop();
      stopped = true;
      const changes = diffSnapshots(before, await snapshotDatabase(pgliteDir), options);
      return { changes, described: describeChanges(changes) };
    },
  };
}
