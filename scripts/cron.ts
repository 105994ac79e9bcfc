import { loadEnvFiles } from "./support/script-env";
import type { DailyResult } from "@/lib/cron/daily";

/**
 * `npm run cron`: runs the nightly job (release, expiry, tier downgrades, expiry reminders) once.
 * It asks the running app (POST /api/cron/daily), which is what lets it work beside a dev server on
 * the embedded PGlite (one process at a time). When no app answers, it runs the job in this
 * process instead — safe then, since nothing else holds the database. Sends CRON_SECRET as the
 * bearer token when it is set. Runs under `tsx --conditions=react-server` so the service modules'
 * `import "server-only"` resolves to its empty build, as it does inside Next.
 */

loadEnvFiles();

function print(result: DailyResult, where: string): number {
  console.info(`[cairn] daily jobs ran ${where} at ${result.at}`);
  console.info(`  released:  ${result.released ?? "failed"} lots`);
  console.info(`  expired:   ${result.expired ? `${result.expired.lots} lots, ${result.expired.points} points` : "failed"}`);
  const t = result.tiers;
  console.info(`  tiers:     ${t ? `${t.checked} checked, ${t.upgraded} up, ${t.downgraded} down, ${t.graceStarted} grace started` : "failed"}`);
  console.info(`  reminders: ${result.reminders ? `${result.reminders.emails} emails for ${result.reminders.lots} lots` : "failed"}`);
  const e = result.emails;
  console.info(`  emails:    ${e ? `${e.sent} sent, ${e.retrying} to retry, ${e.failed} gave up (of ${e.claimed} due)` : "failed"}`);
  for (const error of result.errors) console.error(`  failed: ${error}`);
  return result.errors.length ? 1 : 0;
}

async function runHere(): Promise<number> {
  const { connectDb, disconnectDb } = await import("@/db");
  const { runDailyJobs } = await import("@/lib/cron/daily");
  await connectDb();
  try {
    return print(await runDailyJobs(), "in this process");
  } finally {
    await disconnectDb();
  }
}

async function main(): Promise<number> {
  const appUrl = (process.env.APP_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, "");
  const secret = process.env.CRON_SECRET;
  let response: Response;
  try {
    response = await fetch(new URL("/api/cron/daily", appUrl), { method: "POST", headers: secret ? { authorization: `Bearer ${secret}` } : {}, signal: AbortSignal.timeout(10 * 60_000) });
  } catch (error) {
    // Only "nobody listens there" means the database is free; a timeout means the app is busy with it.
    const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
    const refused = cause?.code === "ECONNREFUSED" || (!!cause?.errors?.length && cause.errors.every((e) => e.code === "ECONNREFUSED"));
    if (!refused) {
      console.error(`[cairn] couldn't reach the app at ${appUrl} (${error instanceof Error ? error.message : error}).`);
      return 1;
    }
    console.info(`[cairn] no app is running at ${appUrl}; running the daily jobs in this process.`);
    return runHere();
  }
  const body = (await response.json().catch(() => null)) as { ok?: boolean; result?: DailyResult; error?: string } | null;
  if (!body?.result) {
    console.error(`[cairn] daily jobs refused or failed: HTTP ${response.status}${body?.error ? ` — ${body.error}` : ""}`);
    if (response.status === 401) console.error(secret ? "Check that CRON_SECRET here matches the app's." : "The app has CRON_SECRET set: export the same value here.");
    return 1;
  }
  return print(body.result, `by ${appUrl}`);
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
