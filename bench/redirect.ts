/**
 * npm run bench:redirect — `/r/<code>` under `next start` at 50 connections: p50/p99 latency and
 * requests per second, beside a static file served by the same server in the same run. Target:
 * p99 < 30 ms. Measured twice: on a real PostgreSQL server (as deployed; the bench starts its own)
 * and on the embedded PGlite (which runs in the server's own thread, so every click written competes
 * with the requests). Writes bench/results/redirect.json.
 *
 * The redirect is a next.config rule (decision 0016); the click and the cookie are taken where it
 * lands. For information, the landing `/pricing?ref=<code>` is measured too — every request a first
 * visit (no cookie), so each records a click — beside `/pricing` without a code.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { zeroKeyEnv } from "../scripts/e2e-env.mjs";
import { DEMO_REFERRAL_CODE } from "../db/seed";
import { startBenchDatabase } from "./support";

const PORT = Number(process.env.BENCH_PORT ?? 3300);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const base = `http://localhost:${PORT}`;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, [cmd, ...args], { env, stdio: ["ignore", "pipe", "inherit"], detached: true });
}

async function waitForServer(url: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server at ${url} did not start`);
}

async function measure(url: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  return { url, requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx, statusCodes: result.statusCodeStats };
}

/** Fails unless the server answers as built today: a bare redirect, and a landing that sets the cookie (a stale build would be measured otherwise). */
async function checkShape(urls: { redirect: string; landing: string }) {
  const redirect = await fetch(urls.redirect, { redirect: "manual" });
  const landing = await fetch(urls.landing, { redirect: "manual" });
  const ok = redirect.status === 303 && redirect.headers.get("location")?.startsWith("/pricing?ref=") && !redirect.headers.has("set-cookie") && landing.status === 200 && landing.headers.get("set-cookie")?.startsWith("cairn_ref=");
  if (!ok) throw new Error(`unexpected answers: ${urls.redirect} → ${redirect.status} ${redirect.headers.get("location")}; ${urls.landing} → ${landing.status} ${landing.headers.get("set-cookie")} (rebuild: rm -rf .next)`);
}

/** One server, one database: warm up, measure the redirect, the static file and the landing pages, stop. */
async function benchServer(label: string, env: NodeJS.ProcessEnv) {
  const next = path.join("node_modules", "next", "dist", "bin", "next");
  const server = run(next, ["start", "-p", String(PORT)], { ...env, APP_URL: base, AUTH_URL: `${base}/api/auth`, PORT: String(PORT) });
  server.stdout?.resume();
  try {
    await waitForServer(`${base}/robots.txt`);
    const urls = { redirect: `${base}/r/${DEMO_REFERRAL_CODE}`, staticFile: `${base}/robots.txt`, landing: `${base}/pricing?ref=${DEMO_REFERRAL_CODE}`, page: `${base}/pricing` };
    await checkShape(urls);
    for (const url of Object.values(urls)) await autocannon({ url, connections: 5, amount: 200 });
    const redirect = await measure(urls.redirect);
    const staticFile = await measure(urls.staticFile);
    const landing = await measure(urls.landing);
    const page = await measure(urls.page);
    return { label, redirect, staticFile, landing, page, ratio: redirect.requestsPerSecond / staticFile.requestsPerSecond };
  } finally {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1500));
  }
}

async function main() {
  const next = path.join("node_modules", "next", "dist", "bin", "next");
  if (!existsSync(".next/BUILD_ID")) {
    console.info("[bench] no build yet: next build");
    const build = spawn(process.execPath, [next, "build"], { stdio: "inherit", env: zeroKeyEnv() });
    await new Promise((resolve, reject) => build.on("exit", (code) => (code === 0 ? resolve(null) : reject(new Error(`next build exited ${code}`)))));
  }
  const results = [];

  // 1. As deployed: a PostgreSQL server (migrated and seeded here). Production refuses to start on
  //    a real database without its keys; these placeholders are never used by the redirect path.
  const pgServer = await startBenchDatabase();
  try {
    const { createDatabase } = await import("../db/client");
    const { seed } = await import("../db/seed");
    const database = await createDatabase({ driver: "pg", url: process.env.DATABASE_URL!, max: 1 });
    await seed(database.db);
    await database.close();
    results.push(
      await benchServer("PostgreSQL", {
        ...zeroKeyEnv(),
        DATABASE_URL: process.env.DATABASE_URL,
        AUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
        RESEND_API_KEY: "re_bench_unused",
        STRIPE_SECRET_KEY: "sk_test_bench_unused",
        STRIPE_WEBHOOK_SECRET: "whsec_bench_unused",
        CRON_SECRET: "bench-cron-secret-0123456789",
      }),
    );
  } finally {
    await pgServer.stop();
  }

  // 2. The zero-key embedded mode on a fresh PGlite.
  const dataDir = mkdtempSync(path.join(tmpdir(), "cairn-bench-redirect-"));
  try {
    results.push(await benchServer("PGlite (embedded)", { ...zeroKeyEnv(), PGLITE_DIR: path.join(dataDir, "pglite") }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  console.log(`\n/r/<code> vs a static file, next start, ${CONNECTIONS} connections, ${SECONDS} s each (same run)\n`);
  console.log("database            path                   req/s   p50 ms  p99 ms");
  for (const r of results) {
    const rows = [
      ["/r/<code>", r.redirect],
      ["/robots.txt", r.staticFile],
      ["/pricing?ref=<code>", r.landing],
      ["/pricing", r.page],
    ] as const;
    for (const [name, m] of rows) {
      console.log(`${r.label.padEnd(19)} ${name.padEnd(21)} ${m.requestsPerSecond.toFixed(0).padStart(6)}  ${String(m.p50).padStart(7)}  ${String(m.p99).padStart(6)}`);
    }
    console.log(`${"".padEnd(19)} redirect = ${r.ratio.toFixed(2)} × static; p99 target < 30 ms → ${r.redirect.p99} ms ${r.redirect.p99 < 30 ? "(met)" : "(NOT met)"}`);
  }
  writeFileSync("bench/results/redirect.json", JSON.stringify({ measuredAt: new Date().toISOString(), connections: CONNECTIONS, seconds: SECONDS, results }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
