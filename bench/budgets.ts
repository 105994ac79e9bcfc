/**
 * The performance budgets (issue "Quality gates"), each read from the benches' results of one run.
 * `npm run bench:check` fails when a value is past its limit twice: once in the run, once more when
 * that bench (or, for the pages, that page and part) is measured again.
 */
import type { PagesResult } from "./pages";

export type BenchName = "pages" | "ledger" | "redeem" | "redirect" | "analytics";

export type Results = Partial<Record<BenchName, unknown>>;

export type Budget = {
  id: string;
  label: string;
  bench: BenchName;
  /** `max`: value ≤ limit; `min`: value ≥ limit; `below`: value < limit. */
  compare: "max" | "min" | "below";
  limit: number;
  unit?: string;
  read(results: Results): number | undefined;
  /** Arguments that make the bench measure only this again (the whole bench when absent). */
  remeasure?: string[];
};

const pages = (r: Results) => r.pages as PagesResult | undefined;
const PUBLIC = ["/", "/pricing", "/rewards"];

type RedirectResult = { results: { label: string; redirect: { p99: number } }[] };
type LedgerResult = { rows: { clients: number; ratio: number }[] };

export const BUDGETS: Budget[] = [
  // the public pages ≤ 1.10 ×, the member's dashboard ≤ 1.40 ×
  ...[...PUBLIC.map((path) => [path, 1.1] as const), ["/dashboard", 1.4] as const].map(
    ([path, limit]): Budget => ({
      id: `first-load-js ${path}`,
      label: `first-load JS ${path} ÷ hello world`,
      bench: "pages",
      compare: "max",
      limit,
      unit: "×",
      read: (r) => pages(r)?.firstLoad?.pages.find((p) => p.path === path)?.ratio,
      remeasure: ["--parts=js", `--pages=${path}`],
    }),
  ),
  ...PUBLIC.flatMap((path): Budget[] => [
    {
      id: `lighthouse ${path}`,
      label: `Lighthouse mobile ${path} (median of 5)`,
      bench: "pages",
      compare: "min",
      limit: 95,
      read: (r) => pages(r)?.lighthouse?.pages.find((p) => p.path === path)?.medianScore,
      remeasure: ["--parts=lighthouse", `--pages=${path}`],
    },
    {
      id: `cls ${path}`,
      label: `CLS ${path} (worst of 5)`,
      bench: "pages",
      compare: "max",
      limit: 0,
      read: (r) => pages(r)?.lighthouse?.pages.find((p) => p.path === path)?.maxCls,
      remeasure: ["--parts=lighthouse", `--pages=${path}`],
    },
  ]),
  ...PUBLIC.map(
    (path): Budget => ({
      id: `throughput ${path}`,
      label: `requests/s ${path} ÷ hello world`,
      bench: "pages",
      compare: "min",
      limit: 0.8,
      unit: "×",
      read: (r) => pages(r)?.throughput?.pages.find((p) => p.path === path)?.ratio,
      remeasure: ["--parts=throughput", `--pages=${path}`],
    }),
  ),
  {
    id: "redirect p99",
    label: "/r/<code> p99 at 50 connections (PostgreSQL, as deployed)",
    bench: "redirect",
    compare: "below",
    limit: 30,
    unit: "ms",
    read: (r) => (r.redirect as RedirectResult | undefined)?.results.find((x) => x.label === "PostgreSQL")?.redirect.p99,
  },
  {
    id: "ledger 8 clients",
    label: "ledger postings/s ÷ bare SQL at 8 clients",
    bench: "ledger",
    compare: "min",
    limit: 0.7,
    unit: "×",
    read: (r) => (r.ledger as LedgerResult | undefined)?.rows.find((x) => x.clients === 8)?.ratio,
  },
];

export function withinBudget(budget: Budget, value: number | undefined): boolean {
  if (value === undefined || Number.isNaN(value)) return false; // not measured cannot pass
  if (budget.compare === "max") return value <= budget.limit;
  if (budget.compare === "min") return value >= budget.limit;
  return value < budget.limit;
}

export function describeLimit(budget: Budget): string {
  const sign = budget.compare === "max" ? "≤" : budget.compare === "min" ? "≥" : "<";
  return `${sign} ${budget.limit}${budget.unit && budget.unit !== "×" ? ` ${budget.unit}` : budget.unit === "×" ? " ×" : ""}`;
}
