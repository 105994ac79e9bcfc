import { loadEnvFiles } from "./support/script-env";

/**
 * `npm run billing:reconcile [-- --days N]`: asks the running app to reconcile billing with Stripe
 * (POST /api/cron/billing-reconcile) and prints what it repaired. Going through the app, not the
 * database, is what lets it work beside a dev server on the embedded PGlite, which allows one
 * process at a time. Sends CRON_SECRET as the bearer token when it is set.
 */

loadEnvFiles();

type Result = {
  since: string;
  events: Record<string, number>;
  subscriptions: Record<string, number>;
  referrals?: Record<string, number>;
  errors: string[];
};

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([key, n]) => `${key} ${n}`)
    .join(", ");

async function main(): Promise<number> {
  const appUrl = (process.env.APP_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, "");
  const daysFlag = process.argv.indexOf("--days");
  const days = daysFlag > 0 ? process.argv[daysFlag + 1] : undefined;
  const url = new URL("/api/cron/billing-reconcile", appUrl);
  if (days) url.searchParams.set("days", days);
  const secret = process.env.CRON_SECRET;

  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: secret ? { authorization: `Bearer ${secret}` } : {}, signal: AbortSignal.timeout(10 * 60_000) });
  } catch (error) {
    console.error(`[cairn] couldn't reach the app at ${appUrl} (${error instanceof Error ? error.message : error}).`);
    console.error("Start it first (npm run dev), or set APP_URL to where it runs.");
    return 1;
  }
  const body = (await response.json().catch(() => null)) as { ok?: boolean; result?: Result; error?: string } | null;
  if (!response.ok || !body?.result) {
    console.error(`[cairn] billing reconcile refused or failed: HTTP ${response.status}${body?.error ? ` — ${body.error}` : ""}`);
    if (response.status === 401) console.error(secret ? "Check that CRON_SECRET here matches the app's." : "The app has CRON_SECRET set: export the same value here.");
    return 1;
  }
  const { result } = body;
  console.info(`[cairn] billing reconciled against ${appUrl} (events since ${result.since})`);
  console.info(`  events:        ${counts(result.events)}`);
  console.info(`  subscriptions: ${counts(result.subscriptions)}`);
  if (result.referrals) console.info(`  referrals:     ${counts(result.referrals)}`);
  for (const error of result.errors) console.error(`  failed: ${error}`);
  return result.errors.length ? 1 : 0;
}

main().then((code) => process.exit(code));
