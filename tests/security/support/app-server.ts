import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { zeroKeyEnv } from "../../../scripts/e2e-env.mjs";

/**
 * The built app under the security tier: `next start` in the zero-key embedded mode (as
 * scripts/e2e-server.mjs runs it for the browser tests) on a data dir the test prepared. It runs
 * as the leader of its own process group and is stopped by that group's id; PGlite is
 * single-process, so a test reads the database only after stop().
 */

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** Test servers use 3700–3799 on shared machines (the browser tier uses E2E_PORT, 3100 by default). */
export async function findFreePort(from = 3700, to = 3799): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port in ${from}–${to} for the app under test`);
}

export type AppServer = { url: string; port: number; stop: () => Promise<void>; log: () => string };

export function assertBuilt(): void {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("The security tier runs against the production build: run `next build` first (npm test does).");
  }
}

export async function startApp(options: { pgliteDir: string; port: number; authSecret: string; authUrl?: string }): Promise<AppServer> {
  assertBuilt();
  const url = `http://localhost:${options.port}`;
  const env = {
    ...zeroKeyEnv(),
    PGLITE_DIR: options.pgliteDir,
    APP_URL: url,
    // A deployment behind TLS passes AUTH_URL=https://…: Auth.js then sets __Secure- cookies.
    AUTH_URL: options.authUrl ?? `${url}/api/auth`,
    PORT: String(options.port),
    // Fixed, so the test can hash sign-in tokens and sign emulator webhooks the way the app does.
    AUTH_SECRET: options.authSecret,
  };
  const child: ChildProcess = spawn(process.execPath, [nextBin, "start", "-p", String(options.port)], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const killGroup = (signal: NodeJS.Signals) => {
    if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // A test run that dies must not leave the server behind.
  const onExit = () => killGroup("SIGKILL");
  process.once("exit", onExit);

  const stop = async () => {
    killGroup("SIGTERM");
    const timer = setTimeout(() => killGroup("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
    process.removeListener("exit", onExit);
  };

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode} before it was ready:\n${output}`);
    try {
      const response = await fetch(`${url}/sign-in`, { redirect: "manual" });
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start was not ready within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port: options.port, stop, log: () => output };
}
