/**
 * npm run bench — every benchmark in one run: pages (first-load JS, throughput and Lighthouse against
 * a hello-world page, bench/pages.ts), ledger, redeem, redirect, and analytics where bench/analytics.ts
 * exists. Each runs as its own process and writes bench/results/<name>.json; this gathers them into
 * bench/results/latest.json with every budget's value (bench/budgets.ts), and prints the table (also
 * written to bench/results/latest.md). Budgets are reported, not enforced: `npm run bench:check` does.
 *
 * --only=pages,redirect runs a subset.
 */
import { cpus, loadavg } from "node:os";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Results } from "./budgets";
import { benchNames, evaluate, informational, RESULTS_DIR, runBench, table, type BenchRun } from "./run";

async function main() {
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
  const names = benchNames().filter((n) => !only || only.includes(n));
  const startedAt = new Date();
  const runs: BenchRun[] = [];
  for (const name of names) runs.push(await runBench(name));

  const results: Results = Object.fromEntries(runs.filter((r) => r.result !== undefined).map((r) => [r.name, r.result]));
  const budgets = evaluate(results).filter((b) => names.includes(b.bench));
  const info = informational(results);
  const markdown = table(budgets, info);

  // A bench that wrote its results and then exited non-zero (a crash while shutting down) is reported, not dropped.
  const failedRuns = runs.filter((r) => r.exitCode !== 0 && r.result === undefined);
  const unclean = runs.filter((r) => r.exitCode !== 0 && r.result !== undefined);
  writeFileSync(
    path.join(RESULTS_DIR, "latest.json"),
    JSON.stringify(
      {
        measuredAt: startedAt.toISOString(),
        host: { cpus: cpus().length, loadAverageAtEnd: loadavg() },
        benches: Object.fromEntries(runs.map((r) => [r.name, { exitCode: r.exitCode, seconds: Math.round(r.seconds) }])),
        budgets,
        results,
      },
      null,
      2,
    ),
  );
  writeFileSync(path.join(RESULTS_DIR, "latest.md"), `Measured ${startedAt.toISOString()} (${cpus().length} cores)\n\n${markdown}\n`);

  console.log(`\n━━ all benches (${startedAt.toISOString()}), budgets from bench/budgets.ts\n\n${markdown}\n`);
  console.log(`wrote ${path.join(RESULTS_DIR, "latest.json")} and latest.md`);
  for (const r of unclean) console.warn(`bench ${r.name} exited ${r.exitCode} after writing its results (see its output above); they are used`);
  for (const r of failedRuns) console.error(`bench ${r.name} failed (exit ${r.exitCode}) without results`);
  if (failedRuns.length) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
