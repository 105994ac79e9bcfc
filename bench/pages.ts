/**
 * npm run bench:pages — the public pages (/, /pricing, /rewards, as a visitor) and the member's
 * dashboard against a hello-world page built with the same Next version (bench/hello-world), all
 * under `next start` in the same run:
 *
 * 1. First-load JS: every script the page's HTML loads at once — <script src> (not `nomodule`, which
 *    no current browser fetches) and <link rel="modulepreload"> / <link rel="preload" as="script"> —
 *    each gzipped at level 9 (what a build that pre-compresses its static files serves; `next start`
 *    compresses on the fly at zlib's default 6, a percent or two larger), summed; ÷ hello world's.
 * 2. Throughput: autocannon, 50 connections, 10 s per page; the pages and hello world alternate
 *    over 3 rounds and each keeps its best (the machine is shared); ÷ hello world's requests/s.
 *    Beside it, the server's CPU time per response and the bytes per response, which explain it.
 * 3. Lighthouse: the npm package driving the system Chromium (headless, no sandbox, background
 *    networking off: nothing leaves the machine), default config = mobile preset with simulated
 *    throttling, performance only; 5 runs per page interleaved with hello world's; median score, CLS.
 *
 * Options: --parts=js,throughput,lighthouse --pages=/,/pricing,/rewards,/dashboard --runs=5
 * --rounds=3 --out=bench/results/pages.json. Writes its JSON to --out.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { zeroKeyEnv } from "../scripts/e2e-env.mjs";
import { buildIsCurrent, nextBuild, nextStart, processCpuMs, type NextServer } from "./next-server";

const PUBLIC_PAGES = ["/", "/pricing", "/rewards"];
const MEMBER_PAGES = ["/dashboard"];
const PARTS = ["js", "throughput", "lighthouse"] as const;
type Part = (typeof PARTS)[number];

const HELLO_DIR = path.join("bench", "hello-world");
const APP_SOURCES = ["app", "components", "lib", "db", "public", "next.config.ts", "proxy.ts", "instrumentation.ts", "postcss.config.mjs", "package-lock.json"];
const HELLO_SOURCES = [path.join(HELLO_DIR, "app"), path.join(HELLO_DIR, "next.config.mjs"), "package-lock.json"];
const PORT = Number(process.env.BENCH_PAGES_PORT ?? 3510);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const GZIP_LEVEL = 9;
const CHROMIUM = process.env.CHROME_PATH ?? "/usr/bin/chromium";

export type FirstLoad = { path: string; scripts: number; rawBytes: number; gzipBytes: number; ratio: number; htmlBytes: number; rendering: "static" | "dynamic" };
export type Throughput = {
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** The server's CPU time per response — what the page costs, much steadier than req/s on a shared machine. */
  cpuMsPerRequest: number | null;
  bytesPerResponse: number;
  ratio: number;
};
/** `benchmarkIndex`: Lighthouse's measure of how fast the machine was during the run (higher is faster). */
export type LighthouseRun = { score: number; cls: number; lcp: number; tbt: number; fcp: number; benchmarkIndex: number };
export type LighthousePage = { path: string; runs: LighthouseRun[]; medianScore: number; medianCls: number; maxCls: number; medianLcp: number; medianTbt: number };
export type PagesResult = {
  measuredAt: string;
  nextVersion: string;
  gzipLevel: number;
  firstLoad?: { hello: FirstLoad; pages: FirstLoad[] };
  throughput?: { connections: number; seconds: number; rounds: number; hello: Throughput; pages: Throughput[] };
  lighthouse?: { runsPerPage: number; preset: string; hello: LighthousePage; pages: LighthousePage[] };
};

function option(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The scripts a page's HTML makes the browser fetch at once, as absolute URLs. */
function initialScripts(html: string, base: string): string[] {
  const urls = new Set<string>();
  for (const [, tag, attrText] of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const attrs = new Map<string, string>();
    for (const [, name, value] of attrText.matchAll(/([\w:-]+)(?:\s*=\s*"([^"]*)")?/g)) attrs.set(name.toLowerCase(), (value ?? "").replaceAll("&amp;", "&"));
    const href =
      tag.toLowerCase() === "script"
        ? !attrs.has("nomodule") && attrs.get("src")
        : (attrs.get("rel") === "modulepreload" || (attrs.get("rel") === "preload" && attrs.get("as") === "script")) && attrs.get("href");
    if (href) urls.add(new URL(href, base).href);
  }
  return [...urls];
}

async function firstLoad(base: string, pagePath: string, hello: FirstLoad | null, headers: Record<string, string> = {}): Promise<FirstLoad> {
  const res = await fetch(base + pagePath, { headers, redirect: "manual" });
  if (res.status !== 200) throw new Error(`${pagePath}: HTTP ${res.status} (expected 200)`);
  const rendering = res.headers.has("x-nextjs-cache") || res.headers.get("x-nextjs-prerender") === "1" ? "static" : "dynamic";
  const html = await res.text();
  let rawBytes = 0;
  let gzipBytes = 0;
  const scripts = initialScripts(html, base);
  for (const url of scripts) {
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: GZIP_LEVEL }).length;
  }
  return { path: pagePath, scripts: scripts.length, rawBytes, gzipBytes, ratio: hello ? gzipBytes / hello.gzipBytes : 1, htmlBytes: Buffer.byteLength(html), rendering };
}

async function throughputOf(url: string, serverPid: number) {
  const cpuBefore = processCpuMs(serverPid);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  const cpuAfter = processCpuMs(serverPid);
  return {
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    cpuMsPerRequest: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / r.requests.total,
    bytesPerResponse: Math.round(r.throughput.total / r.requests.total),
  };
}

/** The demo member signed in: a database session row, as Auth.js writes at sign-in; its token is the cookie. */
async function prepareData(pgliteDir: string): Promise<string> {
  const { createDatabase } = await import("../db/client");
  const { seed } = await import("../db/seed");
  const { sessions, users } = await import("../db/schema");
  const { eq } = await import("drizzle-orm");
  const database = await createDatabase({ driver: "pglite", dir: pgliteDir });
  try {
    await database.migrate();
    await seed(database.db);
    const [member] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, "member@cairn.test"));
    const token = crypto.randomUUID();
    await database.db.insert(sessions).values({ sessionToken: token, userId: member.id, expires: new Date(Date.now() + 86_400_000) });
    return token;
  } finally {
    await database.close();
  }
}

async function runLighthouse(urls: { path: string; url: string }[], runs: number): Promise<Map<string, LighthouseRun[]>> {
  const chrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions", "--disable-quic"],
  });
  const results = new Map<string, LighthouseRun[]>(urls.map((u) => [u.path, []]));
  try {
    // Interleaved, so a busy moment on the shared machine lands on every page alike.
    for (let run = 0; run < runs; run++) {
      for (const { path: pagePath, url } of urls) {
        const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"], disableFullPageScreenshot: true });
        const lhr = result?.lhr;
        if (!lhr || lhr.runtimeError) throw new Error(`Lighthouse ${pagePath}: ${lhr?.runtimeError?.message ?? "no result"}`);
        const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
        results.get(pagePath)!.push({
          score: Math.round((lhr.categories.performance.score ?? 0) * 100),
          cls: audit("cumulative-layout-shift"),
          lcp: audit("largest-contentful-paint"),
          tbt: audit("total-blocking-time"),
          fcp: audit("first-contentful-paint"),
          benchmarkIndex: lhr.environment.benchmarkIndex,
        });
        console.info(`[bench] lighthouse ${run + 1}/${runs} ${pagePath}: ${results.get(pagePath)!.at(-1)!.score}`);
      }
    }
  } finally {
    chrome.kill();
  }
  return results;
}

function summarizeLighthouse(pagePath: string, runs: LighthouseRun[]): LighthousePage {
  return {
    path: pagePath,
    runs,
    medianScore: median(runs.map((r) => r.score)),
    medianCls: median(runs.map((r) => r.cls)),
    maxCls: Math.max(...runs.map((r) => r.cls)),
    medianLcp: median(runs.map((r) => r.lcp)),
    medianTbt: median(runs.map((r) => r.tbt)),
  };
}

function printPages(result: PagesResult): void {
  const pct = (n: number) => n.toFixed(2).padStart(5);
  if (result.firstLoad) {
    const { hello, pages } = result.firstLoad;
    console.log(`\nfirst-load JS (gzip -${result.gzipLevel}, summed) vs hello world, Next ${result.nextVersion}\n`);
    console.log("page           rendering  scripts   raw KB   gzip KB  × hello");
    for (const p of [{ ...hello, path: "hello world" }, ...pages]) {
      console.log(`${p.path.padEnd(14)} ${p.rendering.padEnd(9)}  ${String(p.scripts).padStart(7)}  ${(p.rawBytes / 1024).toFixed(1).padStart(7)}  ${(p.gzipBytes / 1024).toFixed(1).padStart(8)}  ${pct(p.ratio)}`);
    }
  }
  if (result.throughput) {
    const { hello, pages, connections, seconds } = result.throughput;
    console.log(`\nthroughput, next start, ${connections} connections, ${seconds} s (best of ${result.throughput.rounds} rounds)\n`);
    console.log("page             req/s   p50 ms  p99 ms  non-2xx  KB/response  server CPU ms/req  × hello");
    for (const t of [{ ...hello, path: "hello world" }, ...pages]) {
      const cpu = t.cpuMsPerRequest === null ? "n/a" : t.cpuMsPerRequest.toFixed(2);
      console.log(
        `${t.path.padEnd(14)} ${t.requestsPerSecond.toFixed(0).padStart(7)}  ${String(t.p50).padStart(7)}  ${String(t.p99).padStart(6)}  ${String(t.non2xx).padStart(7)}  ${(t.bytesPerResponse / 1024).toFixed(1).padStart(11)}  ${cpu.padStart(17)}  ${pct(t.ratio)}`,
      );
    }
  }
  if (result.lighthouse) {
    const { hello, pages, runsPerPage } = result.lighthouse;
    const index = median([hello, ...pages].flatMap((l) => l.runs.map((r) => r.benchmarkIndex)));
    console.log(`\nLighthouse ${result.lighthouse.preset}, median of ${runsPerPage} (machine benchmarkIndex ${index.toFixed(0)})\n`);
    console.log("page           score  scores            CLS (max)  LCP ms  TBT ms");
    for (const l of [{ ...hello, path: "hello world" }, ...pages]) {
      console.log(
        `${l.path.padEnd(14)} ${String(l.medianScore).padStart(5)}  ${l.runs.map((r) => r.score).join(" ").padEnd(16)}  ${l.maxCls.toFixed(3).padStart(9)}  ${l.medianLcp.toFixed(0).padStart(6)}  ${l.medianTbt.toFixed(0).padStart(6)}`,
      );
    }
  }
}

async function main() {
  const parts = (option("parts")?.split(",") ?? [...PARTS]) as Part[];
  const pages = option("pages")?.split(",") ?? [...PUBLIC_PAGES, ...MEMBER_PAGES];
  const runs = Number(option("runs") ?? 5);
  const rounds = Number(option("rounds") ?? 3);
  const out = option("out") ?? path.join("bench", "results", "pages.json");
  const publicPages = pages.filter((p) => !MEMBER_PAGES.includes(p));
  const memberPages = pages.filter((p) => MEMBER_PAGES.includes(p));

  const buildEnv = zeroKeyEnv();
  if (!buildIsCurrent(path.join(HELLO_DIR, ".next"), HELLO_SOURCES)) {
    console.info("[bench] building the hello-world baseline (bench/hello-world)");
    await nextBuild(HELLO_DIR, buildEnv);
  }
  if (!buildIsCurrent(".next", APP_SOURCES)) {
    console.info("[bench] the app's build is missing or older than its sources: next build");
    await nextBuild(null, buildEnv);
  }

  const dataDir = mkdtempSync(path.join(tmpdir(), "cairn-bench-pages-"));
  const servers: NextServer[] = [];
  try {
    const pgliteDir = path.join(dataDir, "pglite");
    const sessionToken = await prepareData(pgliteDir);
    const base = `http://localhost:${PORT}`;
    const app = await nextStart({
      dir: null,
      port: PORT,
      env: { ...zeroKeyEnv(), PGLITE_DIR: pgliteDir, APP_URL: base, AUTH_URL: `${base}/api/auth` },
      logFile: path.join(dataDir, "app.log"),
      readyPath: "/robots.txt",
    });
    servers.push(app);
    const hello = await nextStart({ dir: HELLO_DIR, port: PORT + 1, env: zeroKeyEnv(), logFile: path.join(dataDir, "hello.log") });
    servers.push(hello);
    const member = { cookie: `authjs.session-token=${sessionToken}` };

    // Warm up: the visitor's static copies are rendered at their first request; JIT for the rest.
    for (const url of [hello.url + "/", ...publicPages.map((p) => app.url + p)]) {
      await fetch(url).then((r) => r.text());
      await autocannon({ url, connections: 5, amount: 200 });
    }

    const nextVersion: string = JSON.parse(readFileSync(path.join("node_modules", "next", "package.json"), "utf8")).version;
    const result: PagesResult = { measuredAt: new Date().toISOString(), nextVersion, gzipLevel: GZIP_LEVEL };

    if (parts.includes("js")) {
      const helloLoad = await firstLoad(hello.url, "/", null);
      const measured: FirstLoad[] = [];
      for (const p of publicPages) measured.push(await firstLoad(app.url, p, helloLoad));
      for (const p of memberPages) measured.push(await firstLoad(app.url, p, helloLoad, member));
      result.firstLoad = { hello: helloLoad, pages: measured };
    }

    if (parts.includes("throughput") && publicPages.length) {
      const targets = [{ path: "hello", url: hello.url + "/", pid: hello.pid }, ...publicPages.map((p) => ({ path: p, url: app.url + p, pid: app.pid }))];
      const best = new Map<string, Awaited<ReturnType<typeof throughputOf>>>();
      for (let round = 0; round < rounds; round++) {
        // rotate the order each round, so no page always runs right after the same one
        const order = targets.map((_, i) => targets[(i + round) % targets.length]);
        for (const t of order) {
          const m = await throughputOf(t.url, t.pid);
          console.info(`[bench] round ${round + 1}/${rounds} ${t.path}: ${m.requestsPerSecond.toFixed(0)} req/s`);
          if (!best.has(t.path) || m.requestsPerSecond > best.get(t.path)!.requestsPerSecond) best.set(t.path, m);
        }
      }
      const helloRate = best.get("hello")!.requestsPerSecond;
      const row = (p: string): Throughput => ({ path: p, ...best.get(p)!, ratio: best.get(p)!.requestsPerSecond / helloRate });
      result.throughput = { connections: CONNECTIONS, seconds: SECONDS, rounds, hello: row("hello"), pages: publicPages.map(row) };
    }

    if (parts.includes("lighthouse") && publicPages.length) {
      const targets = [{ path: "hello", url: hello.url + "/" }, ...publicPages.map((p) => ({ path: p, url: app.url + p }))];
      const lh = await runLighthouse(targets, runs);
      result.lighthouse = {
        runsPerPage: runs,
        preset: "mobile (default config), simulated throttling",
        hello: summarizeLighthouse("hello", lh.get("hello")!),
        pages: publicPages.map((p) => summarizeLighthouse(p, lh.get(p)!)),
      };
    }

    printPages(result);
    writeFileSync(out, JSON.stringify(result, null, 2));
    console.info(`\n[bench] wrote ${out}`);
  } finally {
    for (const server of servers) await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
