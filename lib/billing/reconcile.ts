import "server-only";
import { eq, inArray, isNotNull } from "drizzle-orm";
import type Stripe from "stripe";
import { db, type Tx } from "@/db";
import { memberships, plans, stripeEvents, type Membership } from "@/db/schema";
import { getStripe } from "./stripe-client";
import { applySubscription, readSubscription, type SubscriptionState } from "./stripe-state";
import { processStripeEvent, runLocked, type ProcessOutcome } from "./webhooks/process-event";
import { reconcileReferrals, type ReferralReconcileResult } from "@/lib/referrals/reconcile";

/** Stripe resends for 3 days; events older than that were delivered or are lost for good. */
export const RECONCILE_WINDOW_DAYS = 3;

export type ReconcileResult = {
  /** The start of the event window (ISO). */
  since: string;
  events: { listed: number; missing: number } & Record<ProcessOutcome | "failed", number>;
  subscriptions: { listed: number; cairn: number; repaired: number; unchanged: number; skipped: number; failed: number };
  referrals: ReferralReconcileResult;
  /** The first few failures, for the operator (the webhook failures table has them all). */
  errors: string[];
};

const MAX_ERRORS = 10;

/**
 * Repairs what lost webhooks left wrong (a nightly cron, or by hand):
 * (a) every Stripe event of the window that Cairn never recorded is processed now — the same
 *     idempotent path as the webhook, so an event that arrives meanwhile is handled once;
 * (b) every subscription on a Cairn price is re-read and its membership re-synced, which also
 *     covers events older than the window;
 * (c) referrals are qualified or voided where an after-commit step of a webhook failed.
 * A second run finds nothing to do and writes nothing.
 */
export async function reconcileBilling({ since }: { since?: Date } = {}): Promise<ReconcileResult> {
  const stripe = await getStripe();
  const start = since ?? new Date(Date.now() - RECONCILE_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const result: ReconcileResult = {
    since: start.toISOString(),
    events: { listed: 0, missing: 0, processed: 0, ignored: 0, duplicate: 0, failed: 0 },
    subscriptions: { listed: 0, cairn: 0, repaired: 0, unchanged: 0, skipped: 0, failed: 0 },
    referrals: { checked: 0, qualified: 0, voided: 0, failed: 0 },
    errors: [],
  };
  const fail = (what: string, error: unknown) => {
    if (result.errors.length < MAX_ERRORS) result.errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  };

  // (a) events Cairn never recorded. Stripe lists newest first, one page of ids checked at a time.
  const missing: Stripe.Event[] = [];
  let page: Stripe.Event[] = [];
  const keepUnrecorded = async () => {
    if (!page.length) return;
    const ids = page.map((event) => event.id);
    const recorded = new Set((await db.select({ id: stripeEvents.id }).from(stripeEvents).where(inArray(stripeEvents.id, ids))).map((row) => row.id));
    missing.push(...page.filter((event) => !recorded.has(event.id)));
    page = [];
  };
  for await (const event of stripe.events.list({ created: { gte: Math.floor(start.getTime() / 1000) }, limit: 100 })) {
    result.events.listed++;
    page.push(event);
    if (page.length === 100) await keepUnrecorded();
  }
  await keepUnrecorded();
  result.events.missing = missing.length;
  // Oldest first, as Stripe would have delivered them (handlers re-read Stripe, so order is not a correctness matter).
  for (const event of missing.reverse()) {
    try {
      result.events[await processStripeEvent(event)]++;
    } catch (error) {
      result.events.failed++;
      fail(`event ${event.id} (${event.type})`, error);
    }
  }

  // (b) subscriptions on a Cairn price, whatever their status.
  const keys = new Set((await db.select({ key: plans.lookupKey }).from(plans).where(isNotNull(plans.lookupKey))).map((row) => row.key));
  for await (const subscription of stripe.subscriptions.list({ status: "all", limit: 100 })) {
    result.subscriptions.listed++;
    const price = subscription.items.data[0]?.price;
    // A plan's old prices lose the lookup key when its price changes, but keep syncPlan's metadata.
    if (!price || !((price.lookup_key && keys.has(price.lookup_key)) || price.metadata?.cairn_plan)) continue;
    result.subscriptions.cairn++;
    try {
      result.subscriptions[await resyncSubscription(stripe, subscription.id)]++;
    } catch (error) {
      result.subscriptions.failed++;
      fail(`subscription ${subscription.id}`, error);
    }
  }

  // (c) referral steps that run after a webhook's commit and may have failed there.
  result.referrals = await reconcileReferrals(stripe, fail);
  return result;
}

type ResyncOutcome = "repaired" | "unchanged" | "skipped";

/** Thrown to roll back a write that changed nothing, so a clean run leaves no trace (not even updated_at). */
class NothingToWrite extends Error {
  constructor(readonly outcome: ResyncOutcome) {
    super(outcome);
  }
}

const SYNCED_FIELDS = ["userId", "planId", "status", "currentPeriodEnd", "cancelAtPeriodEnd", "trialEnd", "stripeCustomerId", "endedAt"] as const satisfies (keyof Membership)[];

function sameMembership(a: Membership, b: Membership): boolean {
  return SYNCED_FIELDS.every((field) => {
    const x = a[field];
    const y = b[field];
    return x instanceof Date || y instanceof Date ? (x as Date | null)?.getTime() === (y as Date | null)?.getTime() : x === y;
  });
}

/**
 * Re-reads one subscription and writes what it says, under the same per-object discipline as
 * process-event.ts: the same lock key `sub:<id>` as the subscription handler, through runLocked.
 */
async function resyncSubscription(stripe: Stripe, subscriptionId: string): Promise<ResyncOutcome> {
  const write = async (tx: Tx, state: SubscriptionState): Promise<ResyncOutcome> => {
    const [before] = await tx.select().from(memberships).where(eq(memberships.stripeSubscriptionId, subscriptionId)).for("update");
    const change = await applySubscription(tx, state, { eventId: null, reason: "reconcile" });
    if (!change) throw new NothingToWrite("skipped"); // not a Cairn plan, or no Cairn user for the customer
    if (before && sameMembership(before, change.membership)) throw new NothingToWrite("unchanged");
    return "repaired";
  };
  try {
    return await runLocked(`sub:${subscriptionId}`, () => readSubscription(stripe, subscriptionId), (tx, state) => write(tx, state as SubscriptionState));
  } catch (error) {
    if (error instanceof NothingToWrite) return error.outcome;
    throw error;
  }
}
