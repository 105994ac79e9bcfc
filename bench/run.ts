/**
 * What `npm run bench` and `npm run bench:check` share: running one bench as its own process (each
 * starts its own servers and database and writes bench/results/<name>.json), collecting the results,
 * and the table of budgets.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { BUDGETS, describeLimit, withinBudget, type BenchName, type Budget, type Results } from "./budgets";
import type { PagesResult } from "./pages";

export const RESULTS_DIR = path.join("bench", "results");
const TSX = path.join("node_modules", "tsx", "dist", "cli.mjs");

/** Every bench in run order; analytics only where bench/analytics.ts exists (it comes with its own issue). */
export function benchNames(): BenchName[] {
  const names: BenchName[] = ["pages", "ledger", "redeem", "redirect"];
  if (existsSync(path.join("bench", "analytics.ts"))) names.push("analytics");
  return names;
}

// Servers the benches start stay in 3500–3599 (bench/pages.ts uses 3510–3511).
const PORTS: Partial<Record<BenchName, Record<string, string>>> = { redirect: { BENCH_PORT: "3520" }, analytics: { BENCH_PORT: "3530" } };

export type BenchRun = { name: BenchName; exitCode: number | null; seconds: number; resultFile: string; result: unknown };

/** Runs bench/<name>.ts with tsx (output to the terminal); its result is the JSON it wrote during this run, if any. */
export async function runBench(name: BenchName, args: string[] = [], resultFile = path.join(RESULTS_DIR, `${name}.json`)): Promise<BenchRun> {
  console.info(`\n━━ bench ${name} ${args.join(" ")}\n`);
  const started = Date.now();
  const child = spawn(process.execPath, [TSX, "--conditions=react-server", path.join("bench", `${name}.ts`), ...args], {
    stdio: "inherit",
    env: { ...process.env, ...PORTS[name] },
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const fresh = existsSync(resultFile) && statSync(resultFile).mtimeMs >= started;
  const result = fresh ? JSON.parse(readFileSync(resultFile, "utf8")) : undefined;
  return { name, exitCode, seconds: (Date.now() - started) / 1000, resultFile, result };
}

export type BudgetRow = { id: string; bench: BenchName; label: string; limit: string; value: number | undefined; ok: boolean };

export function evaluate(results: Results, budgets: Budget[] = BUDGETS): BudgetRow[] {
  return budgets.map((b) => {
    const value = b.read(results);
    return { id: b.id, bench: b.bench, label: b.label, limit: describeLimit(b), value, ok: withinBudget(b, value) };
  });
}

export function formatValue(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "not measured";
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 1 && value > 0 ? 3 : 2);
}

type RedeemResult = { baseline: { perSecond: number }; rows: { scenario: string; ratio: number }[] };
type RedirectResult = { results: { label: string; ratio: number; redirect: { p99: number; requestsPerSecond: number } }[] };

/** Figures reported beside the budgets (no limit of their own). */
export function informational(results: Results): { label: string; value: string }[] {
  const rows: { label: string; value: string }[] = [];
  const redeem = results.redeem as RedeemResult | undefined;
  for (const r of redeem?.rows ?? []) rows.push({ label: `redeem ÷ bare SQL, ${r.scenario}`, value: `${r.ratio.toFixed(2)} ×` });
  const redirect = results.redirect as RedirectResult | undefined;
  for (const r of redirect?.results ?? []) rows.push({ label: `/r/<code> on ${r.label}: p99, req/s ÷ static file`, value: `${r.redirect.p99} ms, ${r.ratio.toFixed(2)} ×` });
  const pages = results.pages as PagesResult | undefined;
  if (pages?.firstLoad) rows.push({ label: "hello world first-load JS (gzip)", value: `${(pages.firstLoad.hello.gzipBytes / 1024).toFixed(1)} KB` });
  if (pages?.throughput) {
    for (const t of [pages.throughput.hello, ...pages.throughput.pages]) {
      const cpu = t.cpuMsPerRequest === null ? "" : `, ${t.cpuMsPerRequest.toFixed(2)} ms server CPU`;
      rows.push({ label: `${t.path === "hello" ? "hello world" : t.path}: requests/s, bytes and server CPU per response`, value: `${t.requestsPerSecond.toFixed(0)}/s, ${(t.bytesPerResponse / 1024).toFixed(1)} KB${cpu}` });
    }
  }
  if (pages?.lighthouse) rows.push({ label: "hello world Lighthouse mobile (median of 5), same run", value: String(pages.lighthouse.hello.medianScore) });
  if (results.analytics) rows.push({ label: "analytics", value: "see bench/results/analytics.json" });
  return rows;
}

/** The budgets and the other figures as a Markdown table (printed, and written beside latest.json). */
export function table(rows: BudgetRow[], info: { label: string; value: string }[]): string {
  const lines = ["| measure | value | budget | |", "|---|---:|---|---|"];
  for (const r of rows) lines.push(`| ${r.label} | ${formatValue(r.value)} | ${r.limit} | ${r.ok ? "ok" : "**over**"} |`);
  for (const i of info) lines.push(`| ${i.label} | ${i.value} | | |`);
  return lines.join("\n");
}
