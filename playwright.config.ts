import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// localhost, never 127.0.0.1: Auth.js sets its cookies for the host in AUTH_URL.
const baseURL = `http://localhost:${port}`;
// scripts/e2e-server.mjs builds first when no build exists: allow for it.
const needsBuild = !existsSync(".next/BUILD_ID");

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  // Playwright empties its outputDir at start: keep it apart from the JSON reports in test-results/.
  outputDir: "test-results/e2e-artifacts",
  // One app process on one embedded PGlite: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          // The machine's closed network refuses Chromium's background connections; turn them off.
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/`,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    timeout: needsBuild ? 15 * 60_000 : 120_000,
    stdout: "pipe",
    stderr: "pipe",
    // The script forwards the signal to the server's process group and waits for it to exit.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
