import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { zeroKeyEnv } from "../../../scripts/e2e-env.mjs";
import { assertLocalDatabaseUrl } from "../../support/local-database";
import { serverUrl, startPostgresServer, type PostgresServer } from "../../support/postgres-server";

/**
 * The resilience tier's moving parts: a private PostgreSQL server, the built app under `next start`
 * in its own process group (so the test can SIGKILL it whole), and a local stand-in for Resend.
 * Ports 3600–3699 are this tier's (the e2e tier uses 3100).
 */

const root = fileURLToPath(new URL("../../..", import.meta.url));
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** The app's connections carry this name, so a test can tell them from its own in pg_stat_activity. */
export const APP_CONNECTION_NAME = "cairn-resilience-app";

export type TestDatabase = { server: PostgresServer; url: string; appUrl: string };

/** A private server with a migrated database; DATABASE_URL (this process) points at it. */
export async function startDatabase(name = "cairn_resilience"): Promise<TestDatabase> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("The resilience tier runs the built app: run `next build` first (npm test does).");
  const server = await startPostgresServer();
  try {
    const admin = new pg.Client({ connectionString: serverUrl(server, "postgres") });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = serverUrl(server, name);
    assertLocalDatabaseUrl(url);
    const { createDatabase } = await import("@/db/client");
    const migrator = await createDatabase({ driver: "pg", url, max: 1 });
    await migrator.migrate();
    await migrator.close();
    process.env.DATABASE_URL = url;
    process.env.AUTH_SECRET = "resilience-tests-secret-0123456789abcdef";
    for (const key of ["DATABASE_DRIVER", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "RESEND_API_KEY"]) delete process.env[key];
    return { server, url, appUrl: `${url}?application_name=${APP_CONNECTION_NAME}` };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export type RunningApp = {
  port: number;
  base: string;
  pid: number;
  /** Resolves with the exit code or signal once the server process has exited. */
  exited: Promise<string>;
  alive: () => boolean;
  /** The server's output so far (for a failing test's message). */
  log: () => string;
  /** SIGKILL to the whole process group: no shutdown hooks, no flushing, like a crash or an OOM kill. */
  kill9: () => Promise<string>;
  /** SIGTERM to the group, SIGKILL if it lingers. */
  stop: () => Promise<void>;
};

/**
 * `next start` on `port` against `databaseUrl`, as deployed: production mode with keys. The keys are
 * placeholders — nothing here calls Stripe — except email, which goes to `resendBaseUrl`.
 */
export async function startApp({ port, databaseUrl, resendBaseUrl }: { port: number; databaseUrl: string; resendBaseUrl: string }): Promise<RunningApp> {
  const base = `http://localhost:${port}`;
  const logDir = mkdtempSync(path.join(tmpdir(), "cairn-resilience-app-"));
  const logFile = path.join(logDir, "next.log");
  const out = createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...zeroKeyEnv(),
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: process.env.AUTH_SECRET,
      APP_URL: base,
      AUTH_URL: `${base}/api/auth`,
      PORT: String(port),
      RESEND_API_KEY: "re_resilience_placeholder",
      RESEND_BASE_URL: resendBaseUrl,
      STRIPE_SECRET_KEY: "sk_test_resilience_unused",
      STRIPE_WEBHOOK_SECRET: "whsec_resilience_unused",
      CRON_SECRET: "resilience-cron-secret-0123456789",
    },
  });
  child.stdout?.pipe(out, { end: false });
  child.stderr?.pipe(out, { end: false });
  let running = true;
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => {
      running = false;
      resolve(signal ?? String(code));
    });
  });
  const log = () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone already
    }
  };
  // A test that dies must not leave a server on its port.
  const onExit = () => signalGroup("SIGKILL");
  process.once("exit", onExit);
  const cleanup = () => {
    process.removeListener("exit", onExit);
    out.end();
    rmSync(logDir, { recursive: true, force: true });
  };

  const app: RunningApp = {
    port,
    base,
    pid: child.pid!,
    exited,
    alive: () => running,
    log,
    kill9: async () => {
      signalGroup("SIGKILL");
      const how = await exited;
      cleanup();
      return how;
    },
    stop: async () => {
      if (running) {
        signalGroup("SIGTERM");
        const timer = setTimeout(() => signalGroup("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      cleanup();
    },
  };

  // Ready when it answers a page that reads nothing: the start hook (instrumentation) has run by then.
  for (let i = 0; ; i++) {
    if (!running) throw new Error(`next start exited before it was ready:\n${log().slice(-4000)}`);
    try {
      const response = await fetch(`${base}/robots.txt`);
      if (response.ok) return app;
    } catch {
      // not listening yet
    }
    if (i > 600) {
      await app.stop();
      throw new Error(`next start did not answer within a minute:\n${log().slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export type FakeResend = { url: string; accepted: () => number; close: () => Promise<void> };

/** Resend's email endpoint, accepting everything (emails are not what these tests are about). */
export async function startFakeResend(port: number): Promise<FakeResend> {
  let accepted = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      accepted++;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `re_fake_${accepted}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    accepted: () => accepted,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The id Next gave a server action in this build (actions are posted with a `Next-Action` header). */
export function serverActionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} from ${file} in .next/server/server-reference-manifest.json`);
  return found[0];
}
