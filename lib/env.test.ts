import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

// Every parse without AUTH_SECRET writes a local secret next to PGLITE_DIR: keep it out of the repo.
const tmp = mkdtempSync(path.join(os.tmpdir(), "cairn-env-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let dirs = 0;
/** A source whose local files land in a fresh temporary folder. */
const base = () => ({ PGLITE_DIR: path.join(tmp, `case-${++dirs}`, "pglite") });

const VALID = {
  DATABASE_URL: "postgresql://app:pw@db.example.com:5432/cairn",
  STRIPE_SECRET_KEY: "sk_test_51abcDEF",
  STRIPE_WEBHOOK_SECRET: "whsec_abc123",
  RESEND_API_KEY: "re_abc123",
  CRON_SECRET: "0123456789abcdef0123",
  AUTH_SECRET: "a".repeat(32),
};

function parseError(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("expected parseEnv to throw");
}

describe("parseEnv: malformed values fail, naming the variable", () => {
  it.each([
    ["DATABASE_URL", "mysql://root@localhost/cairn"],
    ["DATABASE_URL", "not a url"],
    ["STRIPE_SECRET_KEY", "pk_test_123"],
    ["ADMIN_EMAILS", "admin@example.com, not-an-email"],
    ["CRON_SECRET", "short"],
    ["RESEND_API_KEY", "key_123"],
    ["STRIPE_WEBHOOK_SECRET", "secret_123"],
    ["APP_URL", "loyalty.example.com"],
  ])("%s=%j", (name, value) => {
    const source = { ...base(), ...VALID, [name]: value };
    expect(parseError(source).message).toContain(name);
  });

  it("STRIPE_SECRET_KEY without STRIPE_WEBHOOK_SECRET", () => {
    const { STRIPE_WEBHOOK_SECRET: _omitted, ...source } = VALID;
    expect(parseError({ ...base(), ...source }).message).toContain("STRIPE_WEBHOOK_SECRET");
  });

  it("production with a database and no AUTH_SECRET", () => {
    const { AUTH_SECRET: _omitted, ...source } = VALID;
    expect(parseError({ ...base(), ...source, NODE_ENV: "production" }).message).toContain("AUTH_SECRET");
  });

  it.each(["RESEND_API_KEY", "STRIPE_SECRET_KEY", "CRON_SECRET"] as const)("production with a database and no %s (the embedded adapter would be public)", (name) => {
    const source: Record<string, string | undefined> = { ...VALID, NODE_ENV: "production" };
    delete source[name];
    if (name === "STRIPE_SECRET_KEY") delete source.STRIPE_WEBHOOK_SECRET;
    expect(parseError({ ...base(), ...source }).message).toContain(name);
  });

  it("production on the embedded database (one machine, e.g. the e2e server) may use every embedded adapter", () => {
    const env = parseEnv({ ...base(), NODE_ENV: "production" });
    expect(env.embedded).toEqual({ database: true, billing: true, email: true, cron: true });
  });

  it("but `next build` (NEXT_PHASE=phase-production-build) does not need AUTH_SECRET", () => {
    const { AUTH_SECRET: _omitted, ...source } = VALID;
    const env = parseEnv({ ...base(), ...source, NODE_ENV: "production", NEXT_PHASE: "phase-production-build" });
    expect(env.AUTH_SECRET).toMatch(/.{32,}/);
  });
});

describe("parseEnv: missing optional integrations fall back loudly, once each", () => {
  it.each([
    ["DATABASE_URL", "database"],
    ["STRIPE_SECRET_KEY", "billing"],
    ["RESEND_API_KEY", "email"],
    ["CRON_SECRET", "cron"],
  ] as const)("without %s: one log line, embedded.%s", (name, part) => {
    const source: Record<string, string> = { ...base(), ...VALID };
    delete source[name];
    if (name === "STRIPE_SECRET_KEY") delete source.STRIPE_WEBHOOK_SECRET;
    const lines: string[] = [];
    const env = parseEnv(source, (line) => lines.push(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
    expect(env.embedded).toEqual({ database: false, billing: false, email: false, cron: false, [part]: true });
  });

  it("with nothing set: one line per integration plus the generated secret", () => {
    const lines: string[] = [];
    const env = parseEnv(base(), (line) => lines.push(line));
    for (const name of ["DATABASE_URL", "STRIPE_SECRET_KEY", "RESEND_API_KEY", "CRON_SECRET", "AUTH_SECRET"]) {
      expect(lines.filter((l) => l.includes(name)), name).toHaveLength(1);
    }
    expect(lines).toHaveLength(5);
    expect(env.embedded).toEqual({ database: true, billing: true, email: true, cron: true });
  });

  it("with everything set: silent", () => {
    const lines: string[] = [];
    parseEnv({ ...base(), ...VALID }, (line) => lines.push(line));
    expect(lines).toEqual([]);
  });

  it("empty strings count as unset", () => {
    const env = parseEnv({ ...base(), DATABASE_URL: "", STRIPE_SECRET_KEY: " ", AUTH_SECRET: VALID.AUTH_SECRET });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.embedded.database).toBe(true);
    expect(env.embedded.billing).toBe(true);
  });
});

describe("parseEnv: values", () => {
  it("ADMIN_EMAILS is trimmed, lower-cased and split", () => {
    const env = parseEnv({ ...base(), AUTH_SECRET: VALID.AUTH_SECRET, ADMIN_EMAILS: " Alice@Example.COM ,bob@example.com,, " });
    expect(env.ADMIN_EMAILS).toEqual(["alice@example.com", "bob@example.com"]);
  });

  it("ADMIN_EMAILS defaults to nobody", () => {
    expect(parseEnv({ ...base(), AUTH_SECRET: VALID.AUTH_SECRET }).ADMIN_EMAILS).toEqual([]);
  });

  it.each([
    [{}, "http://localhost:3000"],
    [{ PORT: "3100" }, "http://localhost:3100"],
    [{ AUTH_URL: "https://loyalty.example.com/api/auth" }, "https://loyalty.example.com"],
    [{ APP_URL: "https://loyalty.example.com/", AUTH_URL: "https://other.example.com/api/auth" }, "https://loyalty.example.com"],
  ])("APP_URL from %j is %s", (source, expected) => {
    expect(parseEnv({ ...base(), AUTH_SECRET: VALID.AUTH_SECRET, ...source }).APP_URL).toBe(expected);
  });
});

describe("parseEnv: local AUTH_SECRET", () => {
  it("is generated once next to PGLITE_DIR, private, and reused", () => {
    const source = base();
    const file = path.join(path.dirname(source.PGLITE_DIR), "auth-secret");
    const first: string[] = [];
    const secret = parseEnv(source, (line) => first.push(line)).AUTH_SECRET;

    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, "utf8").trim()).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.filter((l) => l.includes("AUTH_SECRET"))).toHaveLength(1);

    const second: string[] = [];
    expect(parseEnv(source, (line) => second.push(line)).AUTH_SECRET).toBe(secret);
    expect(second.filter((l) => l.includes("AUTH_SECRET"))).toEqual([]);
  });

  it("a configured AUTH_SECRET is used as is and writes nothing", () => {
    const source = { ...base(), AUTH_SECRET: VALID.AUTH_SECRET };
    expect(parseEnv(source).AUTH_SECRET).toBe(VALID.AUTH_SECRET);
    expect(() => statSync(path.dirname(source.PGLITE_DIR))).toThrow();
  });
});
