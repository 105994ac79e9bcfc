/**
 * npm run bench:pages — the public pages (/, /pricing, /rewards, as a visitor) and the member's
 * dashboard against a hello-world page built with the same Next version (bench/hello-world), all
 * under `next start` in the same run:
 *
 * 1. First-load JS: every script the page's HTML loads at once — <script src> (not `nomodule`, which
 *    no current browser fetches) and <link rel="modulepreload"> / <link rel="preload" as="script"> —
 *    each gzipped at level 9 (what a build that pre-compresses its static files serves; `next start`
 *    compresses on the fly at zlib's default 6, a percent or two larger), summed; ÷ hello world's.
 * 2. Throughput: autocannon, 50 connections, 10 s per measurement. Each page is measured right
 *    beside hello world, 3 rounds (which goes first alternates); its ratio is the median of the
 *    rounds' page ÷ hello world. Beside it, the server's CPU time and the bytes per response.
 * 3. Lighthouse: the npm package driving the system Chromium (headless, no sandbox, background
 *    networking off: nothing leaves the machine), default config = mobile preset with simulated
 *    throttling, performance only; 5 runs per page interleaved with hello world's; median score, CLS.
 *
 * Options: --parts=js,throughput,lighthouse --pages=/,/pricing,/rewards,/dashboard --runs=5
 * --rounds=3 --out=bench/results/pages.json. Writes its JSON to --out.
 */
import { existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
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
// The baseline runs on its own linked copy of next (linkHelloModules), so one server loads one Next.
const HELLO_NEXT_BIN = path.join(HELLO_DIR, "node_modules", "next", "dist", "bin", "next");
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
  /** The median of `ratios`: each round's page ÷ the hello-world measurement beside it. */
  ratio: number;
  ratios?: number[];
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

/**
 * bench/hello-world/node_modules: hard links to the repository's own files of next, react, react-dom
 * and what they depend on (from package-lock.json). The baseline's Turbopack root is its own
 * directory (see its next.config.mjs), and Turbopack compiles nothing outside it — a symlink would
 * point outside — so the packages are linked in: same files, same versions, no download.
 */
function linkHelloModules(): void {
  const lock: Record<string, { version?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }> = JSON.parse(
    readFileSync("package-lock.json", "utf8"),
  ).packages;
  const target = path.join(HELLO_DIR, "node_modules");
  const stamp = path.join(target, ".cairn-bench.json");
  const versions = JSON.stringify(["next", "react", "react-dom"].map((name) => `${name}@${lock[`node_modules/${name}`]?.version}`));
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === versions) return;

  // Node's resolution over the lockfile's paths: nested node_modules first, then each parent's.
  const resolve = (from: string, name: string): string | null => {
    for (let base = from; ; base = base.includes("/node_modules/") ? base.slice(0, base.lastIndexOf("/node_modules/")) : "") {
      const key = `${base ? `${base}/` : ""}node_modules/${name}`;
      if (lock[key]) return key;
      if (!base) return null;
    }
  };
  const needed = new Set<string>();
  const visit = (key: string | null) => {
    if (!key || needed.has(key)) return;
    needed.add(key);
    for (const dep of Object.keys({ ...lock[key].dependencies, ...lock[key].optionalDependencies })) visit(resolve(key, dep));
  };
  ["next", "react", "react-dom"].forEach((name) => visit(`node_modules/${name}`));

  const link = (from: string, to: string) => {
    const stat = lstatSync(from);
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (stat.isDirectory()) {
      mkdirSync(to, { recursive: true });
      for (const name of readdirSync(from)) link(path.join(from, name), path.join(to, name));
    } else linkSync(from, to);
  };
  rmSync(target, { recursive: true, force: true });
  // Top-level packages only: a package's own nested node_modules come with its directory.
  for (const key of needed) {
    if (key.slice("node_modules/".length).includes("/node_modules/") || !existsSync(key)) continue; // optional packages for other platforms are not installed
    link(key, path.join(target, key.slice("node_modules/".length)));
  }
  writeFileSync(stamp, versions);
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

/**
 * One Lighthouse run; a run whose trace failed (NO_NAVSTART, NO_FCP: it happens when the machine is
 * very busy) is repeated, up to three attempts — a failed recording is not a score.
 */
async function lighthouseRun(url: string, port: number, pagePath: string) {
  let problem = "no result";
  for (let attempt = 1; attempt <= 3; attempt++) {
    const result = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: ["performance"], disableFullPageScreenshot: true });
    const lhr = result?.lhr;
    if (lhr && !lhr.runtimeError) return lhr;
    problem = lhr?.runtimeError?.message ?? "no result";
    console.warn(`[bench] lighthouse ${pagePath}: ${problem} (attempt ${attempt} of 3)`);
  }
  throw new Error(`Lighthouse ${pagePath}: ${problem}`);
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
        const lhr = await lighthouseRun(url, chrome.port, pagePath);
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
    console.log(`\nthroughput, next start, ${connections} connections, ${seconds} s, each page beside hello world (median of ${result.throughput.rounds} pairs)\n`);
    console.log("page             req/s   p50 ms  p99 ms  non-2xx  KB/response  server CPU ms/req  × hello  (pairs)");
    for (const t of [{ ...hello, path: "hello world" }, ...pages]) {
      const cpu = t.cpuMsPerRequest === null ? "n/a" : t.cpuMsPerRequest.toFixed(2);
      console.log(
        `${t.path.padEnd(14)} ${t.requestsPerSecond.toFixed(0).padStart(7)}  ${String(t.p50).padStart(7)}  ${String(t.p99).padStart(6)}  ${String(t.non2xx).padStart(7)}  ${(t.bytesPerResponse / 1024).toFixed(1).padStart(11)}  ${cpu.padStart(17)}  ${pct(t.ratio)}  ${t.ratios ? `(${t.ratios.map((r) => r.toFixed(2)).join(" ")})` : ""}`,
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
  linkHelloModules();
  if (!buildIsCurrent(path.join(HELLO_DIR, ".next"), HELLO_SOURCES)) {
    console.info("[bench] building the hello-world baseline (bench/hello-world)");
    await nextBuild(HELLO_DIR, buildEnv, HELLO_NEXT_BIN);
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
    const hello = await nextStart({ dir: HELLO_DIR, port: PORT + 1, env: zeroKeyEnv(), logFile: path.join(dataDir, "hello.log"), nextBin: HELLO_NEXT_BIN });
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
      // Each page is measured right beside a hello-world measurement (which one goes first alternates)
      // and the pair's ratio taken; a page's ratio is the median over the rounds. On a shared machine
      // the load changes from minute to minute: a pair sees the same load, separate bests do not.
      type Measure = Awaited<ReturnType<typeof throughputOf>>;
      const pairs = new Map<string, { page: Measure; hello: Measure; ratio: number }[]>(publicPages.map((p) => [p, []]));
      const hellos: Measure[] = [];
      for (let round = 0; round < rounds; round++) {
        for (const p of publicPages) {
          let h: Measure;
          let m: Measure;
          if (round % 2 === 0) {
            h = await throughputOf(hello.url + "/", hello.pid);
            m = await throughputOf(app.url + p, app.pid);
          } else {
            m = await throughputOf(app.url + p, app.pid);
            h = await throughputOf(hello.url + "/", hello.pid);
          }
          hellos.push(h);
          const ratio = m.requestsPerSecond / h.requestsPerSecond;
          pairs.get(p)!.push({ page: m, hello: h, ratio });
          console.info(`[bench] round ${round + 1}/${rounds} ${p}: ${m.requestsPerSecond.toFixed(0)} req/s beside hello world's ${h.requestsPerSecond.toFixed(0)}: ${ratio.toFixed(2)}`);
        }
      }
      const middle = <T>(items: T[], by: (item: T) => number) => [...items].sort((a, b) => by(a) - by(b))[Math.floor(items.length / 2)];
      const helloRow: Throughput = { path: "hello", ...middle(hellos, (h) => h.requestsPerSecond), ratio: 1 };
      const row = (p: string): Throughput => {
        const pick = middle(pairs.get(p)!, (x) => x.ratio);
        return { path: p, ...pick.page, ratio: pick.ratio, ratios: pairs.get(p)!.map((x) => x.ratio) };
      };
      result.throughput = { connections: CONNECTIONS, seconds: SECONDS, rounds, hello: helloRow, pages: publicPages.map(row) };
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
