#!/usr/bin/env node
// `npm test`: every tier in order — lint, types, unit + integration (vitest), build, security
// (vitest against `next start`), end to end (Playwright), resilience (vitest against `next start`)
// — continuing past failures so the summary
// is complete. The last line is always `N passed, N failed`. `npm test -- --quick` skips the build
// and the tiers that need it.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { canaryBuildEnv } from "./e2e-env.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const quick = process.argv.includes("--quick");
const results = path.join(root, "test-results");
const vitestJson = path.join(results, "vitest.json");
const securityJson = path.join(results, "security.json");
const e2eJson = path.join(results, "e2e.json");
const resilienceJson = path.join(results, "resilience.json");
mkdirSync(results, { recursive: true });

/** @typedef {{ tier: string, status: "passed" | "failed" | "skipped", passed: number, failed: number, ms: number, note?: string }} Row */
/** @type {Row[]} */
const rows = [];

/** @type {import("node:child_process").ChildProcess | undefined} */
let current;
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    interrupted = true;
    current?.kill(signal);
  });
}

/** Runs a local binary with live output; resolves with its exit code. */
function run(bin, args, env = process.env) {
  console.info(`\n━━ ${[bin, ...args].join(" ")}\n`);
  return new Promise((resolve) => {
    current = spawn(path.join(root, "node_modules", ".bin", bin), args, { cwd: root, env, stdio: "inherit" });
    current.once("error", (error) => {
      console.error(`${bin}: ${error.message}`);
      resolve(127);
    });
    current.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  }).finally(() => (current = undefined));
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** A tier that is one check: it passes when its commands all exit 0 (run in order, stopping at the first failure). */
async function check(tier, steps, env) {
  const start = performance.now();
  let ok = true;
  for (const [bin, ...args] of steps) {
    ok = !interrupted && (await run(bin, args, env)) === 0;
    if (!ok) break;
  }
  rows.push({ tier, status: ok ? "passed" : "failed", passed: ok ? 1 : 0, failed: ok ? 0 : 1, ms: performance.now() - start });
  return ok;
}

/**
 * A tier that counts tests from its JSON report. A run that failed without a failing test
 * (a crash, a setup error, a file that does not load) still counts one failure.
 */
async function counted(tier, bin, args, report, count) {
  rmSync(report, { force: true });
  const start = performance.now();
  const code = await run(bin, args);
  const json = readJson(report);
  let { passed, failed } = json ? count(json) : { passed: 0, failed: 0 };
  let note;
  if (code !== 0 && failed === 0) {
    failed = 1;
    note = json ? `exit code ${code}` : `exit code ${code}, no report`;
  }
  rows.push({ tier, status: failed ? "failed" : "passed", passed, failed, ms: performance.now() - start, note });
}

function skip(tier, note, failed = 0) {
  rows.push({ tier, status: failed ? "failed" : "skipped", passed: 0, failed, ms: 0, note });
}

/** How many end-to-end tests exist, to count them as failed when they cannot run. */
async function listE2eTests() {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "playwright"), ["test", "--list", "--reporter=json"], { cwd: root, stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.once("error", () => resolve(1));
    child.once("exit", () => {
      try {
        const stats = JSON.parse(out);
        const specs = (suite) =>
          (suite.specs ?? []).reduce((n, spec) => n + (spec.tests?.length ?? 1), 0) + (suite.suites ?? []).reduce((n, s) => n + specs(s), 0);
        resolve(Math.max(1, stats.suites.reduce((n, s) => n + specs(s), 0)));
      } catch {
        resolve(1);
      }
    });
  });
}

// ───────────────────────────── the tiers ─────────────────────────────

const vitestCount = (json) => ({ passed: json.numPassedTests ?? 0, failed: json.numFailedTests ?? 0 });

await check("lint", [["eslint", "."]]);
// next typegen writes the route types (.next/types) that the app's pages are checked against.
if (!interrupted) await check("types", [["next", "typegen"], ["tsc", "--noEmit"]]);

if (!interrupted) {
  await counted(
    "unit + integration",
    "vitest",
    ["run", "--project", "unit", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${path.relative(root, vitestJson)}`],
    vitestJson,
    vitestCount,
  );
}

/** Resilience test files (each starts its own PostgreSQL and `next start`), to count them as failed when they cannot run. */
function resilienceFiles() {
  const dir = path.join(root, "tests", "resilience");
  return Math.max(1, existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".test.ts")).length : 0);
}

if (quick) {
  skip("build", "--quick");
  skip("security", "--quick");
  skip("e2e", "--quick");
  skip("resilience", "--quick");
} else if (!interrupted) {
  // Zero keys, plus fake secrets the security tier looks for in what browsers download.
  const built = await check("build", [["next", "build"]], canaryBuildEnv());
  if (!built || interrupted) {
    skip("security", interrupted ? "interrupted" : "build failed", 1);
    skip("e2e", interrupted ? "interrupted" : "build failed", await listE2eTests());
    skip("resilience", interrupted ? "interrupted" : "build failed", resilienceFiles());
  } else {
    // Access control, CSRF, fuzz, sign-in and secrets, against `next start` on ports 3700–3799.
    await counted(
      "security",
      "vitest",
      ["run", "--project", "security", "--reporter=default", "--reporter=json", `--outputFile.json=${path.relative(root, securityJson)}`],
      securityJson,
      vitestCount,
    );
    if (!interrupted) await counted("e2e", "playwright", ["test"], e2eJson, (json) => ({
      passed: (json.stats?.expected ?? 0) + (json.stats?.flaky ?? 0),
      failed: json.stats?.unexpected ?? 0,
    }));
    // After the browser tests, so a crash provoked here can never disturb them: kill -9 of
    // `next start` mid-load, a PostgreSQL restart under load (docs/decisions/0013-resilience.md).
    if (!interrupted) {
      await counted(
        "resilience",
        "vitest",
        ["run", "--project", "resilience", "--reporter=default", "--reporter=json", `--outputFile.json=${path.relative(root, resilienceJson)}`],
        resilienceJson,
        (json) => ({ passed: json.numPassedTests ?? 0, failed: json.numFailedTests ?? 0 }),
      );
    }
  }
}

// ───────────────────────────── summary ─────────────────────────────

const seconds = (ms) => (ms ? `${(ms / 1000).toFixed(1)} s` : "—");
const table = [
  ["tier", "result", "passed", "failed", "time", "note"],
  ...rows.map((r) => [r.tier, r.status, String(r.passed), String(r.failed), seconds(r.ms), r.note ?? ""]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row) => row.map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd();
const total = rows.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed }), { passed: 0, failed: 0 });
const elapsed = rows.reduce((ms, r) => ms + r.ms, 0);

console.info(`\n${line(table[0])}\n${widths.map((w) => "─".repeat(w)).join("  ").trimEnd()}`);
for (const row of table.slice(1)) console.info(line(row));
console.info(`total time ${seconds(elapsed)}${interrupted ? " (interrupted)" : ""}${[vitestJson, securityJson, e2eJson, resilienceJson].some((f) => existsSync(f)) ? "; reports in test-results/" : ""}`);
console.info(`${total.passed} passed, ${total.failed} failed`);
process.exitCode = total.failed > 0 || interrupted ? 1 : 0;
