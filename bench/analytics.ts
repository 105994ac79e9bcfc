/**
 * npm run bench:analytics [-- --members 10000,100000[,1000000] | --full] [--runs 5] [--seed 1] [--check] [--keep]
 *
 * On a private PostgreSQL server: for each program size, a fresh migrated database is filled by the
 * scale seed (lib/seed-scale), the rollups are refreshed (refreshAnalytics, refreshAccounting — what
 * the daily job runs), and every analytics and accounting view is loaded `runs` times for the
 * default range (the last 12 months) and for the whole 24 months of history. Prints p50 and max per
 * view and size, refresh and seeding times, and how each grows from one size to the next (a ratio of
 * 10 for ten times the members is linear growth; near 1 is what rollups should give). Writes
 * bench/results/analytics.json. Target: every view under 1 s at the largest size.
 *
 * 1 M members is opt-in (--full or --members …,1000000): it takes ~20 GB of disk and a long seed.
 * Sizes measured by earlier runs are kept in the results file and shown beside this run's.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import type { Db } from "../db/client";
import type { DateRange } from "../lib/reports/date-range";
import { serverUrl } from "../tests/support/postgres-server";
import { startBenchDatabase } from "./support";

/** The interface lib/analytics/views.ts and lib/accounting/views.ts export for this bench. */
type View = { id: string; label: string; load: (range: DateRange, conn?: Db) => Promise<unknown> };
type ViewModule = { views: View[]; refresh: (conn?: Db, now?: Date) => Promise<void> };

type Timing = { p50: number; max: number; runs: number };
type ViewResult = { area: string; id: string; label: string; ranges: Record<string, Timing | { error: string }> };
type SizeResult = {
  members: number;
  measuredAt?: string;
  seedSeconds: number;
  rows: number;
  databaseBytes: number;
  invariants: "passed" | "skipped" | string;
  refresh: Record<string, { seconds: number; secondSeconds: number } | { error: string }>;
  views: ViewResult[];
};

const { values } = parseArgs({
  options: {
    members: { type: "string" },
    full: { type: "boolean", default: false },
    runs: { type: "string", default: "5" },
    seed: { type: "string", default: "1" },
    check: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const SIZES = (values.members ?? (values.full ? "10000,100000,1000000" : "10000,100000")).split(",").map((s) => Number(s.replace(/[_\s]/g, "")));
if (SIZES.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new Error(`--members must be a list of whole numbers, got ${values.members}`);
const RUNS = Math.max(1, Number(values.runs));
const SEED = Number(values.seed);
const TARGET_MS = 1000;

const ms = (t: number) => Math.round(t * 10) / 10;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function loadViews(): Promise<Record<string, ViewModule | { error: string }>> {
  // Imported by name at run time: the modules are written alongside this bench; a missing one is reported, not fatal.
  const load = async (specifier: string, list: string, refresh: string): Promise<ViewModule | { error: string }> => {
    try {
      const mod = (await import(specifier)) as Record<string, unknown>;
      if (!Array.isArray(mod[list]) || typeof mod[refresh] !== "function") return { error: `${specifier} does not export ${list} and ${refresh}()` };
      return { views: mod[list] as View[], refresh: mod[refresh] as ViewModule["refresh"] };
    } catch (error) {
      return { error: `${specifier}: ${(error as Error).message.split("\n")[0]}` };
    }
  };
  return {
    analytics: await load("../lib/analytics/views", "ANALYTICS_VIEWS", "refreshAnalytics"),
    accounting: await load("../lib/accounting/views", "ACCOUNTING_VIEWS", "refreshAccounting"),
  };
}

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function main() {
  const server = await startBenchDatabase();
  const now = new Date();
  const results: SizeResult[] = [];
  try {
    const { seedScale } = await import("../lib/seed-scale/seed-scale");
    const { checkLedgerInvariants } = await import("../lib/ledger/invariants");
    const { createDatabase } = await import("../db/client");
    const { connectDb, disconnectDb } = await import("../db");
    const { defaultDateRange } = await import("../lib/reports/date-range");
    const modules = await loadViews();
    for (const [area, mod] of Object.entries(modules)) if ("error" in mod) console.warn(`[bench:analytics] ${area} views not measured: ${mod.error}`);

    const admin = new pg.Client({ connectionString: serverUrl(server, "postgres") });
    await admin.connect();
    const year = defaultDateRange(now);
    const historyFrom = new Date(now.getTime() - 730 * 86_400_000).toISOString().slice(0, 10);
    const ranges: Record<string, DateRange> = {
      "12 months": year,
      "24 months": { from: new Date(`${historyFrom}T00:00:00Z`), toExclusive: year.toExclusive, fromDay: historyFrom, toDay: year.toDay },
    };

    for (const members of SIZES) {
      const name = `cairn_scale_${members}`;
      await admin.query(`drop database if exists ${name} with (force)`);
      // cairn_bench is migrated and empty (startBenchDatabase): a copy is a migrated database in a moment
      await admin.query(`create database ${name} template cairn_bench`);
      const url = serverUrl(server, name);
      console.info(`\n[bench:analytics] ${members.toLocaleString("en-US")} members → ${name}`);
      const seeded = await seedScale({ url, members, seed: SEED, now, batch: 2_500, log: (line) => console.info(line) });

      // the app's own handle on this database too, for code that reaches for the global db
      await disconnectDb();
      delete (globalThis as { cairnEnv?: unknown }).cairnEnv;
      process.env.DATABASE_URL = url;
      await connectDb();
      const database = await createDatabase({ driver: "pg", url, max: 4 });
      const conn = database.db;

      let invariants: SizeResult["invariants"] = "skipped";
      if (values.check || members <= 10_000) {
        const violations = await checkLedgerInvariants(conn);
        invariants = violations.length ? `${violations.length} violations, first: ${violations[0].rule} ${violations[0].detail}` : "passed";
        console.info(`[bench:analytics] ledger invariants: ${invariants}`);
      }

      const refresh: SizeResult["refresh"] = {};
      const views: ViewResult[] = [];
      for (const [area, mod] of Object.entries(modules)) {
        if ("error" in mod) continue;
        try {
          // the first refresh builds the rollups from nothing; the second is the nightly run with nothing new
          const first = await time(() => mod.refresh(conn, now));
          const second = await time(() => mod.refresh(conn, now));
          refresh[area] = { seconds: first / 1000, secondSeconds: second / 1000 };
          console.info(`[bench:analytics] refresh ${area}: ${(first / 1000).toFixed(2)} s (again: ${(second / 1000).toFixed(2)} s)`);
        } catch (error) {
          refresh[area] = { error: (error as Error).message };
          console.error(`[bench:analytics] refresh ${area} failed:`, error);
        }
        for (const view of mod.views) {
          const result: ViewResult = { area, id: view.id, label: view.label, ranges: {} };
          for (const [rangeName, range] of Object.entries(ranges)) {
            try {
              await view.load(range, conn); // warm-up: plans, caches
              const samples: number[] = [];
              for (let run = 0; run < RUNS; run++) samples.push(await time(() => view.load(range, conn)));
              samples.sort((a, b) => a - b);
              result.ranges[rangeName] = { p50: ms(percentile(samples, 0.5)), max: ms(samples[samples.length - 1]), runs: RUNS };
            } catch (error) {
              result.ranges[rangeName] = { error: (error as Error).message.split("\n")[0] };
            }
          }
          views.push(result);
        }
      }
      const { rows } = await admin.query<{ bytes: string }>("select pg_database_size($1) as bytes", [name]);
      results.push({ members, seedSeconds: seeded.seconds, rows: seeded.totalRows, databaseBytes: Number(rows[0].bytes), invariants, refresh, views });
      await database.close();
      await disconnectDb();
      // pool.end() resolves before its sockets close: wait for the server to see them go, then drop
      for (let wait = 0; wait < 50; wait++) {
        const { rows: open } = await admin.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
        if (open[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (!values.keep) await admin.query(`drop database if exists ${name}`);
      results.at(-1)!.measuredAt = new Date().toISOString();
      writeResults(results, now);
    }
    await admin.end();
    // the table shows every size in the results file, this run's and earlier runs' (see measuredAt)
    report(mergedResults(results));
  } finally {
    await server.stop();
  }
}

const RESULTS = "bench/results/analytics.json";

/**
 * Sizes measured by earlier runs stay in the file beside this run's (1 M members is a run of its
 * own): each size carries when it was measured, and a size measured again replaces the old one.
 */
function mergedResults(results: SizeResult[]): (SizeResult & { measuredAt?: string })[] {
  let earlier: (SizeResult & { measuredAt?: string })[] = [];
  if (existsSync(RESULTS)) {
    try {
      const file = JSON.parse(readFileSync(RESULTS, "utf8")) as { measuredAt?: string; sizes?: (SizeResult & { measuredAt?: string })[] };
      earlier = (file.sizes ?? []).map((s) => ({ ...s, measuredAt: s.measuredAt ?? file.measuredAt }));
    } catch {
      earlier = [];
    }
  }
  const now = results.map((r) => ({ ...r, measuredAt: r.measuredAt ?? new Date().toISOString() }));
  return [...earlier.filter((e) => !results.some((r) => r.members === e.members)), ...now].sort((a, b) => a.members - b.members);
}

function writeResults(results: SizeResult[], now: Date) {
  const sizes = mergedResults(results);
  writeFileSync(RESULTS, JSON.stringify({ measuredAt: new Date().toISOString(), programNow: now.toISOString(), seed: SEED, runsPerView: RUNS, targetMs: TARGET_MS, machine: machineNote(), sizes }, null, 2));
  return sizes;
}

function machineNote() {
  return `${process.platform} ${process.arch}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, node ${process.version}; shared with other work, so expect noise`;
}

function report(results: SizeResult[]) {
  const sizes = results.map((r) => r.members);
  const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));
  const cell = (t: Timing | { error: string } | undefined) => (!t ? "—" : "error" in t ? "error" : `${t.p50.toFixed(0)}/${t.max.toFixed(0)}`);
  const ratio = (a: Timing | { error: string } | undefined, b: Timing | { error: string } | undefined) =>
    a && b && !("error" in a) && !("error" in b) && a.p50 > 0 ? `×${(b.p50 / a.p50).toFixed(1)}` : "—";

  console.log("\nseeding");
  console.log("members        rows      seconds  database");
  for (const r of results) console.log(`${label(r.members).padStart(7)}  ${r.rows.toLocaleString("en-US").padStart(11)}  ${r.seedSeconds.toFixed(1).padStart(9)}  ${(r.databaseBytes / 1e9).toFixed(2)} GB`);

  console.log("\nrefresh (first / again), seconds");
  const areas = [...new Set(results.flatMap((r) => Object.keys(r.refresh)))];
  for (const area of areas) {
    const parts = results.map((r) => {
      const x = r.refresh[area];
      return `${label(r.members)}: ${!x ? "—" : "error" in x ? "error" : `${x.seconds.toFixed(2)} / ${x.secondSeconds.toFixed(2)}`}`;
    });
    console.log(`${area.padEnd(11)} ${parts.join("   ")}`);
  }

  const ids = results[0]?.views.map((v) => `${v.area}:${v.id}`) ?? [];
  const rangeNames = Object.keys(results[0]?.views[0]?.ranges ?? {});
  for (const rangeName of rangeNames) {
    console.log(`\nviews, ${rangeName}: p50/max ms per size; growth of p50 from one size to the next`);
    console.log(`${"view".padEnd(36)} ${sizes.map((s) => label(s).padStart(11)).join(" ")}  ${sizes.slice(1).map((s, i) => `${label(sizes[i])}→${label(s)}`.padStart(10)).join(" ")}`);
    for (const id of ids) {
      const per = results.map((r) => r.views.find((v) => `${v.area}:${v.id}` === id)?.ranges[rangeName]);
      const growth = per.slice(1).map((t, i) => ratio(per[i], t).padStart(10));
      console.log(`${id.slice(0, 36).padEnd(36)} ${per.map((t) => cell(t).padStart(11)).join(" ")}  ${growth.join(" ")}`);
    }
  }
  const largest = results.at(-1);
  if (largest) {
    const slow = largest.views.flatMap((v) => Object.entries(v.ranges).filter(([, t]) => "error" in t || t.max >= TARGET_MS).map(([range]) => `${v.area}:${v.id} (${range})`));
    console.log(`\ntarget: every view < ${TARGET_MS} ms at ${label(largest.members)} members → ${largest.views.length === 0 ? "nothing measured" : slow.length ? `NOT met: ${slow.join(", ")}` : "met"}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
