import { embeddedDatabaseHolder, loadEnvFiles } from "./support/script-env";
import { connectDb, disconnectDb } from "@/db";
import { syncPaidPlans } from "@/lib/billing/admin-plans";
import { getEmulator } from "@/lib/billing/stripe-client";
import { getEnv } from "@/lib/env";

/**
 * `npm run stripe:sync`: makes Stripe (or the embedded emulator) match the paid plans,
 * idempotently, one line per plan. Runs under `tsx --conditions=react-server` so the service
 * modules' `import "server-only"` resolves to its empty build, as it does inside Next.
 */

loadEnvFiles();

async function main(): Promise<number> {
  const env = getEnv();
  if (env.embedded.database) {
    // PGlite allows one process per data directory: opening it beside a running server would
    // hang or corrupt it, so stop here with the ways forward.
    const holder = await embeddedDatabaseHolder(env.APP_URL);
    if (holder) {
      console.error(
        [
          `[cairn] stripe:sync can't open the embedded database (${env.PGLITE_DIR}) while the app runs: found ${holder}. PGlite allows one process at a time.`,
          "Either:",
          `  - use the running app: ${env.APP_URL}/admin/plans → "Sync all plans to Stripe", or`,
          "  - stop the server and run `npm run stripe:sync` again, or",
          "  - set DATABASE_URL to a Postgres server that both can share.",
        ].join("\n"),
      );
      return 1;
    }
  }

  const target = env.embedded.billing ? "the embedded Stripe emulator" : env.STRIPE_SECRET_KEY?.includes("_live_") ? "Stripe (LIVE mode)" : "Stripe (test mode)";
  console.info(`[cairn] syncing paid plans to ${target}`);
  await connectDb();
  const outcomes = await syncPaidPlans(null, "npm run stripe:sync");
  if (!outcomes.length) console.info("  no paid plans found: seed the program first (npm run db:seed, or start the dev server once)");
  const width = Math.max(0, ...outcomes.map((o) => o.planId.length));
  for (const o of outcomes) {
    const detail = o.action === "failed" ? o.error : `${o.lookupKey} → ${o.priceId}`;
    console.info(`  ${o.planId.padEnd(width)}  ${o.action.padEnd(9)}  ${detail}`);
  }
  return outcomes.some((o) => o.action === "failed") ? 1 : 0;
}

async function shutdown(): Promise<void> {
  if (getEnv().embedded.billing) {
    // Deliveries the emulator could not make now stay queued; the app sends them when it starts.
    const emulator = await getEmulator().catch(() => null);
    emulator?.close();
    await emulator?.webhooks.idle();
  }
  await disconnectDb();
}

main()
  .then(async (code) => {
    await shutdown();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error);
    await shutdown().catch(() => {});
    process.exit(1);
  });
