import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { zeroKeyEnv } from "../scripts/e2e-env.mjs";

/** Starts the built app with `overrides` and collects what it prints until it exits (or 60 s pass). */
function startWith(overrides: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "cairn-start-"));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", "3197"], {
      env: { ...zeroKeyEnv(), PGLITE_DIR: path.join(dir, "pglite"), ...overrides },
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

test.describe("start-up with a malformed environment", () => {
  for (const [name, value] of [
    ["DATABASE_URL", "mysql://localhost/cairn"],
    ["STRIPE_SECRET_KEY", "pk_test_wrong_kind_of_key"],
    ["ADMIN_EMAILS", "admin@cairn.test, not an email"],
  ] as const) {
    test(`refuses to start and names ${name}`, async () => {
      const { code, output } = await startWith({ [name]: value });
      expect(code).toBe(1);
      expect(output).toContain("Invalid environment");
      expect(output).toContain(name);
    });
  }
});
