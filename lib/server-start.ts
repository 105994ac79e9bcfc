import { connectDb } from "@/db";
import { seed } from "@/db/seed";
import { getStripe } from "@/lib/billing/stripe-client";
import { syncAllPlans } from "@/lib/billing/sync-plans";
import { getEnv } from "@/lib/env";

/**
 * Runs once when a server starts (instrumentation.ts): parses the environment (a malformed value
 * stops the start here, naming the variable), connects and — for the embedded database —
 * migrates and seeds the demo program.
 */
export async function startServer(): Promise<void> {
  try {
    await start();
  } catch (error) {
    // A server that cannot read its environment or reach its database must not start half-working.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

async function start(): Promise<void> {
  const env = getEnv();
  const db = await connectDb();
  if (env.embedded.database) {
    const { users } = await seed(db);
    if (users > 0) console.info(`[cairn] seeded the demo program (${users} people); sign in as admin@cairn.test or member@cairn.test via /dev/mailbox`);
  }
  // The emulator starts empty: give it the plans' products and prices (idempotent, by lookup_key).
  // With real Stripe this is an admin's explicit step (npm run stripe:sync or /admin/plans).
  if (env.embedded.billing) await syncAllPlans(await getStripe());
  if (env.embedded.email && env.NODE_ENV === "production") {
    console.warn("[cairn] RESEND_API_KEY is not set in production: sign-in links are readable at /dev/mailbox. Set it before real members use this site.");
  }
}
