import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import "./tests/support/node20-polyfills.ts";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      // "server-only" throws outside Next's react-server condition; tests run service modules directly.
      { find: /^server-only$/, replacement: `${root}tests/support/empty.ts` },
    ],
  },
  test: {
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses;
    // letting vite transform it resolves the subpath the way Next's bundler does.
    server: { deps: { inline: ["next-auth"] } },
    // Every integration file parses the env once; its expected embedded-mode fallback lines are noise here.
    onConsoleLog: (log) => !/^\[cairn\] [A-Z_]+ not set: /.test(log),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{lib,components,db,app}/**/*.test.{ts,tsx}"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // One PostgreSQL server per run; each test file gets its own copy of the migrated template.
          globalSetup: ["tests/setup/postgres.global.ts"],
          setupFiles: ["tests/setup/integration.ts"],
          pool: "forks",
          maxWorkers: 2,
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Against the production build (`next start`): scripts/test.mjs runs it after `next build`.
          name: "security",
          include: ["tests/security/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/security.global.ts"],
          setupFiles: ["tests/setup/security.ts"],
          pool: "forks",
          // One app server at a time: each file starts its own on a copy of the fixture database.
          fileParallelism: false,
          maxConcurrency: 4,
          // A fuzz test makes a few hundred requests; a loaded 2-core machine can take a minute.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // Needs `next build` first: scripts/test.mjs runs it after the build (`--project resilience`).
          name: "resilience",
          include: ["tests/resilience/**/*.test.ts"],
          environment: "node",
          // Each file starts its own PostgreSQL and `next start`, kills and restarts them: one at a time.
          pool: "forks",
          maxWorkers: 1,
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
