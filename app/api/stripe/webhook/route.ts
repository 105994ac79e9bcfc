import type Stripe from "stripe";
import { getStripe, webhookSecret } from "@/lib/billing/stripe-client";
import { processStripeEvent } from "@/lib/billing/webhooks/process-event";
import { unavailableResponse } from "@/lib/http/failure-response";

/** Stripe signs each delivery; older than this and it is refused (replay protection). */
const TOLERANCE_SECONDS = 300;

/**
 * A thin dispatcher (STYLE 8): verify the raw body's signature, process the event once, 2xx for
 * handled, ignored and duplicate events, non-2xx when a handler fails so Stripe retries.
 * This route authorises itself by the signature: it gets no session and no CSRF check.
 */
export async function POST(request: Request) {
  const signature = request.headers.get("stripe-signature");
  if (!signature) return Response.json({ error: "Missing Stripe-Signature header" }, { status: 400 });
  const body = await request.text();

  let event: Stripe.Event;
  try {
    event = (await getStripe()).webhooks.constructEvent(body, signature, webhookSecret(), TOLERANCE_SECONDS);
  } catch {
    return Response.json({ error: "Invalid signature" }, { status: 400 });
  }

  try {
    const outcome = await processStripeEvent(event);
    return Response.json({ received: true, outcome });
  } catch (error) {
    // Either way Stripe retries with backoff; a 503 says the database was down, not the handler wrong.
    const unavailable = unavailableResponse(error);
    if (unavailable) return unavailable;
    console.error(`[billing] webhook ${event.type} ${event.id} failed`, error);
    return Response.json({ error: "Handler failed; Stripe will retry" }, { status: 500 });
  }
}
