import "server-only";
import { eq, or } from "drizzle-orm";
import { db } from "@/db";
import { memberships, plans, type Membership, type Plan } from "@/db/schema";
import { getStripe } from "./stripe-client";
import { idOf } from "./stripe-state";

export type CheckoutStatus =
  | { state: "not_found" }
  | { state: "open"; url: string | null }
  | { state: "expired" }
  | { state: "confirming" }
  | { state: "done"; membership: Membership; plan: Plan };

/**
 * What the success page shows. It only reads: the membership is written by the webhook, so a
 * closed tab or a skipped redirect changes nothing (DESIGN invariant 5).
 */
export async function checkoutStatus(userId: string, sessionId: string): Promise<CheckoutStatus> {
  if (!/^cs_\w{4,200}$/.test(sessionId)) return { state: "not_found" };
  const stripe = await getStripe();
  const session = await stripe.checkout.sessions.retrieve(sessionId).catch(() => null);
  // Someone else's session reads as not found: session ids are not proof of ownership.
  if (!session || session.client_reference_id !== userId) return { state: "not_found" };
  if (session.status === "open") return { state: "open", url: session.url };
  if (session.status === "expired") return { state: "expired" };
  const subscription = idOf(session.subscription);
  const paymentIntent = idOf(session.payment_intent);
  const [row] = await db
    .select({ membership: memberships, plan: plans })
    .from(memberships)
    .innerJoin(plans, eq(plans.id, memberships.planId))
    .where(or(subscription ? eq(memberships.stripeSubscriptionId, subscription) : undefined, paymentIntent ? eq(memberships.stripePaymentIntentId, paymentIntent) : undefined));
  return row && (subscription || paymentIntent) ? { state: "done", ...row } : { state: "confirming" };
}
