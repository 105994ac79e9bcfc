import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD_CANARIES } from "../../scripts/e2e-env.mjs";

/**
 * WSTG-INFO-05 (information leakage in what the browser downloads): the build's client chunks and
 * any prerendered page hold no server secret — no server-only environment variable name, no key
 * with a secret prefix, and none of the fake secrets `npm test` builds with (BUILD_CANARIES).
 */

const root = process.cwd();
const nextDir = path.join(root, ".next");

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** Everything a browser can be sent: client chunks and CSS, and prerendered HTML/RSC payloads. */
const clientFiles = [
  ...walk(path.join(nextDir, "static")).filter((f) => /\.(js|mjs|css|json|txt|html)$/.test(f)),
  ...walk(path.join(nextDir, "server", "app")).filter((f) => /\.(html|rsc|body|segment\.rsc)$/.test(f)),
];

/** Read by the server only (lib/env.ts); a client chunk naming one would be reading a secret. */
const SERVER_ENV_NAMES = ["DATABASE_URL", "DATABASE_DRIVER", "PGLITE_DIR", "AUTH_SECRET", "NEXTAUTH_SECRET", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "RESEND_API_KEY", "CRON_SECRET", "ADMIN_EMAILS"];

const KEY_PATTERNS: [string, RegExp][] = [
  ["a Stripe secret or restricted key (sk_/rk_)", /\b[sr]k_(live|test)_[A-Za-z0-9]{8,}/],
  ["a Stripe webhook secret (whsec_)", /\bwhsec_[A-Za-z0-9]{8,}/],
  ["a Resend API key (re_)", /\bre_[A-Za-z0-9]{16,}/],
  ["an order-API integration secret (cairn_sk_)", /\bcairn_sk_[A-Za-z0-9_-]{16,}/],
  ["a database URL with a password", /postgres(ql)?:\/\/[^\s"'`/:@]+:[^\s"'`@]+@/],
  ["a private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
];

function findings(test: (text: string) => string | null): string[] {
  const out: string[] = [];
  for (const file of clientFiles) {
    const found = test(readFileSync(file, "utf8"));
    if (found) out.push(`${path.relative(root, file)}: ${found}`);
  }
  return out;
}

describe("WSTG-INFO-05 no secret reaches the browser", () => {
  it("finds the build's client chunks to scan", () => {
    expect(clientFiles.filter((f) => f.endsWith(".js")).length, "run `next build` first").toBeGreaterThan(10);
  });

  it("WSTG-INFO-05 no client chunk or prerendered page names a server-only environment variable", () => {
    const pattern = new RegExp(`\\b(${SERVER_ENV_NAMES.join("|")})\\b`);
    expect(findings((text) => pattern.exec(text)?.[0] ?? null)).toEqual([]);
  });

  it("WSTG-INFO-05 no client chunk or prerendered page holds a key with a secret prefix", () => {
    expect(findings((text) => KEY_PATTERNS.find(([, re]) => re.test(text))?.[0] ?? null)).toEqual([]);
  });

  it("WSTG-INFO-05 none of the fake secrets the build ran with appears in what the browser downloads", () => {
    expect(findings((text) => Object.entries(BUILD_CANARIES).find(([, value]) => text.includes(value))?.[0] ?? null)).toEqual([]);
  });

  it("the scan would notice: each pattern matches the value it is meant to catch", () => {
    // Built from parts, so this file holds no string the scan (or a secret scanner) would flag.
    const samples = [["sk_live_", "rk_test_"], ["whsec_"], ["re_"], ["cairn_sk_"]].map((prefixes) => prefixes.map((p) => `${p}A1b2C3d4E5f6G7h8J9`));
    samples.push(["postgresql://user:" + "pw@db.example/cairn"], ["-----BEGIN " + "PRIVATE KEY-----"]);
    expect(samples).toHaveLength(KEY_PATTERNS.length);
    samples.forEach((group, i) => group.forEach((sample) => expect(KEY_PATTERNS[i][1].test(`x="${sample}"`), `${KEY_PATTERNS[i][0]}: ${sample}`).toBe(true)));
  });
});
