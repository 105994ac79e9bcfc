import { randomBytes } from "node:crypto";
import { authorizeCron } from "@/lib/cron/authorize-cron";
import { runDailyJobs } from "@/lib/cron/daily";

// A big program's first night (every lot, every tiered member) can take a while.
export const maxDuration = 300;

/**
 * Vercel Cron (GET, nightly: vercel.json) or `npm run cron` (POST): releases, expiry, tier
 * downgrades and expiry reminders, with counts as JSON. Authorised by CRON_SECRET, or local calls
 * only when it is unset (lib/cron/authorize-cron.ts). 500 when a step failed, so the cron shows red.
 */
async function handle(request: Request): Promise<Response> {
  const denied = authorizeCron(request);
  if (denied) return denied;
  try {
    const result = await runDailyJobs();
    return Response.json({ ok: result.errors.length === 0, result }, { status: result.errors.length ? 500 : 200 });
  } catch (error) {
    const reference = randomBytes(4).toString("hex");
    console.error(`[cron] daily jobs failed ${reference}`, error);
    return Response.json({ ok: false, error: `Daily jobs failed (reference ${reference} in the server log).` }, { status: 500 });
  }
}

export const GET = handle;
export const POST = handle;
