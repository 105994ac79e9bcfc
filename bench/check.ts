/**
 * npm run bench:check — the budgets (bench/budgets.ts) against a fresh run of every bench, or with
 * --latest against bench/results/latest.json (what `npm run bench` last wrote). The machine is
 * shared, so a measure past its budget is measured once more before the verdict — for the pages only
 * that page and part (--parts/--pages), otherwise the whole bench — and fails only when it is past its
 * budget both times. Exits 1 when any budget fails. Writes bench/results/check.json.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BUDGETS, withinBudget, type BenchName, type Results } from "./budgets";
import { benchNames, formatValue, RESULTS_DIR, runBench } from "./run";

async function firstResults(): Promise<Results> {
  if (process.argv.includes("--latest")) {
    const latest = path.join(RESULTS_DIR, "latest.json");
    if (!existsSync(latest)) throw new Error(`${latest} does not exist: run npm run bench first, or drop --latest`);
    return JSON.parse(readFileSync(latest, "utf8")).results as Results;
  }
  const results: Results = {};
  for (const name of benchNames()) {
    const run = await runBench(name);
    if (run.result !== undefined) results[name] = run.result;
  }
  return results;
}

async function main() {
  const first = await firstResults();
  const budgets = BUDGETS.filter((b) => benchNames().includes(b.bench));
  const failing = budgets.filter((b) => !withinBudget(b, b.read(first)));

  // Measure again: one pages run for every failing page and part together, each other bench once.
  const second: Results = {};
  const pageBudgets = failing.filter((b) => b.bench === "pages" && b.remeasure);
  if (pageBudgets.length) {
    const union = (flag: string) => [...new Set(pageBudgets.flatMap((b) => b.remeasure!.filter((a) => a.startsWith(flag)).flatMap((a) => a.slice(flag.length).split(","))))].join(",");
    const run = await runBench("pages", [`--parts=${union("--parts=")}`, `--pages=${union("--pages=")}`, `--out=${path.join(RESULTS_DIR, "pages-recheck.json")}`], path.join(RESULTS_DIR, "pages-recheck.json"));
    if (run.result !== undefined) second.pages = run.result;
  }
  for (const name of new Set(failing.filter((b) => b.bench !== "pages").map((b) => b.bench)) as Set<BenchName>) {
    const run = await runBench(name);
    if (run.result !== undefined) second[name] = run.result;
  }

  const rows = budgets.map((b) => {
    const value = b.read(first);
    const again = failing.includes(b) ? b.read(second) : undefined;
    const ok = withinBudget(b, value) || withinBudget(b, again);
    return { id: b.id, label: b.label, value, again, ok };
  });

  console.log("\n━━ performance budgets (bench/budgets.ts)\n");
  console.log(`${"measure".padEnd(58)} ${"value".padStart(12)} ${"again".padStart(12)}  verdict`);
  for (const r of rows) {
    const budget = budgets.find((b) => b.id === r.id)!;
    const limit = `${budget.compare === "max" ? "≤" : budget.compare === "min" ? "≥" : "<"} ${budget.limit}`;
    console.log(`${r.label.padEnd(58)} ${formatValue(r.value).padStart(12)} ${(failing.includes(budget) ? formatValue(r.again) : "").padStart(12)}  ${r.ok ? "ok" : "OVER"} (${limit})`);
  }
  writeFileSync(path.join(RESULTS_DIR, "check.json"), JSON.stringify({ checkedAt: new Date().toISOString(), rows }, null, 2));
  const over = rows.filter((r) => !r.ok);
  console.log(over.length ? `\n${over.length} budget(s) over, measured twice: ${over.map((r) => r.id).join("; ")}` : "\nevery budget met");
  process.exit(over.length ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
