#!/usr/bin/env node
// The app under end-to-end test (playwright.config.ts webServer): `next start` in the zero-key
// embedded mode on a private, freshly emptied data dir. Builds first only when no build exists
// (scripts/test.mjs builds explicitly). The server runs in its own process group; SIGTERM/SIGINT
// are forwarded to that group so nothing is left running.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { zeroKeyEnv } from "./e2e-env.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.E2E_PORT ?? "3100";
const dataDir = path.join(root, ".data", "e2e");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

const env = {
  ...zeroKeyEnv(),
  PGLITE_DIR: path.join(".data", "e2e", "pglite"),
  APP_URL: `http://localhost:${port}`,
  AUTH_URL: `http://localhost:${port}/api/auth`,
  PORT: port,
  // One admin address per admin journey: sign-in emails are limited to one per address per minute.
  ADMIN_EMAILS: "analyst@cairn.test,finance@cairn.test,support@cairn.test,a11y-admin@cairn.test,public-pages@cairn.test",
};

/** @type {import("node:child_process").ChildProcess | undefined} */
let current;
let stopping = false;

function killGroup(signal) {
  if (!current?.pid || current.exitCode !== null || current.signalCode !== null) return;
  try {
    process.kill(-current.pid, signal);
  } catch {
    // the group is already gone
  }
}

function stop(signal) {
  if (stopping) return;
  stopping = true;
  killGroup(signal);
  // A server that ignores the signal is killed outright.
  setTimeout(() => killGroup("SIGKILL"), 10_000).unref();
}

for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => stop(signal));
// Last resort if this script dies on an exception.
process.on("exit", () => killGroup("SIGKILL"));

/** Runs next with `args` as the leader of a new process group; resolves with its exit code. */
function runNext(args) {
  return new Promise((resolve, reject) => {
    current = spawn(process.execPath, [nextBin, ...args], { cwd: root, env, stdio: "inherit", detached: true });
    current.once("error", reject);
    current.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.info("[e2e] no build in .next/: running next build first");
  const code = await runNext(["build"]);
  if (code !== 0 || stopping) process.exit(stopping ? 0 : code);
}

console.info(`[e2e] next start on http://localhost:${port} (data in ${path.relative(root, dataDir)}/)`);
const code = await runNext(["start", "-p", port]);
process.exit(stopping ? 0 : code);
