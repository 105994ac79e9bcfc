import { authorizeCron } from "@/lib/cron/authorize-cron";
import { deliverDueEmails } from "@/lib/email/deliver";
import { failureResponse } from "@/lib/http/failure-response";

/**
 * Vercel Cron (GET, every minute: vercel.json) or a local POST: retries outbox messages whose next
 * attempt is due (backoff: lib/email/retry-schedule.ts). Authorised by CRON_SECRET, or local calls
 * only when it is unset. Counts as JSON; 503 with Retry-After while the database is unreachable.
 */
async function handle(request: Request): Promise<Response> {
  const denied = authorizeCron(request);
  if (denied) return denied;
  try {
    return Response.json({ ok: true, result: await deliverDueEmails() });
  } catch (error) {
    return failureResponse(error, "[cron] email retries");
  }
}

export const GET = handle;
export const POST = handle;
