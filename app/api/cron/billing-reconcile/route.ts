import { randomBytes } from "node:crypto";
import { z } from "zod";
import { reconcileBilling } from "@/lib/billing/reconcile";
import { authorizeCron } from "@/lib/cron/authorize-cron";

// Listing three days of events and every subscription can take a while on a big account.
export const maxDuration = 300;

/** `?days=` reaches further back by hand (Stripe keeps events for 30 days); the cron uses the default. */
const querySchema = z.object({ days: z.coerce.number().int().min(1).max(30).optional() });

/**
 * Vercel Cron (GET, nightly: vercel.json) or `npm run billing:reconcile` (POST): replays Stripe
 * events Cairn never recorded and re-syncs every subscription's membership. Authorised by
 * CRON_SECRET, or local calls only when it is unset (lib/cron/authorize-cron.ts).
 */
async function handle(request: Request): Promise<Response> {
  const denied = authorizeCron(request);
  if (denied) return denied;
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: "days must be a whole number from 1 to 30" }, { status: 400 });
  try {
    const since = query.data.days ? new Date(Date.now() - query.data.days * 24 * 60 * 60 * 1000) : undefined;
    const result = await reconcileBilling({ since });
    return Response.json({ ok: true, result });
  } catch (error) {
    const reference = randomBytes(4).toString("hex");
    console.error(`[cron] billing reconcile failed ${reference}`, error);
    return Response.json({ ok: false, error: `Reconcile failed (reference ${reference} in the server log).` }, { status: 500 });
  }
}

export const GET = handle;
export const POST = handle;
