import "server-only";
import { eq, isNotNull } from "drizzle-orm";
import type Stripe from "stripe";
import { db } from "@/db";
import { plans, type Plan } from "@/db/schema";

export type PlanSyncResult = { planId: string; lookupKey: string; priceId: string; action: "unchanged" | "created" };

/** A Stripe price matches a plan when amount, currency and interval agree. */
function priceMatches(price: Stripe.Price, plan: Plan): boolean {
  const interval = plan.kind === "recurring" ? plan.interval : null;
  return price.active && price.unit_amount === plan.priceCents && price.currency === plan.currency && (price.recurring?.interval ?? null) === interval;
}

/** The plan's current Stripe price, found by lookup_key (never by product name), or null. */
export async function findPlanPrice(stripe: Stripe, lookupKey: string): Promise<Stripe.Price | null> {
  const prices = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
  return prices.data[0] ?? null;
}

/**
 * Makes Stripe match the paid plans, idempotently: a plan whose price (found by lookup_key) already
 * matches is left alone; otherwise a new price takes over the lookup_key (prices are immutable in
 * Stripe, so a price change is a new price; existing subscribers keep theirs until they change plan).
 */
export async function syncPlan(stripe: Stripe, plan: Plan): Promise<PlanSyncResult | null> {
  if (plan.kind === "free" || !plan.lookupKey) return null;
  const current = await findPlanPrice(stripe, plan.lookupKey);
  let productId = plan.stripeProductId ?? (typeof current?.product === "string" ? current.product : (current?.product.id ?? null));
  if (productId) {
    // Only a real difference is written: every start of the embedded site syncs, and an update
    // would add a product.updated event to the admin's Stripe event log each time.
    const product = await stripe.products.retrieve(productId);
    const inSync = product.name === plan.name && (product.description ?? "") === (plan.description ?? "") && product.active === plan.active && product.metadata.cairn_plan === plan.id;
    if (!inSync) await stripe.products.update(productId, { name: plan.name, description: plan.description || undefined, active: plan.active, metadata: { cairn_plan: plan.id } });
  } else {
    const product = await stripe.products.create({ name: plan.name, description: plan.description || undefined, metadata: { cairn_plan: plan.id } }, { idempotencyKey: `cairn-product-${plan.id}` });
    productId = product.id;
  }
  let price = current;
  let action: PlanSyncResult["action"] = "unchanged";
  if (!current || !priceMatches(current, plan)) {
    price = await stripe.prices.create({
      product: productId,
      currency: plan.currency,
      unit_amount: plan.priceCents,
      lookup_key: plan.lookupKey,
      transfer_lookup_key: true,
      ...(plan.kind === "recurring" && plan.interval ? { recurring: { interval: plan.interval } } : {}),
      metadata: { cairn_plan: plan.id },
    });
    action = "created";
  }
  if (plan.stripeProductId !== productId || plan.stripePriceId !== price!.id || !plan.syncedAt) {
    await db.update(plans).set({ stripeProductId: productId, stripePriceId: price!.id, syncedAt: new Date() }).where(eq(plans.id, plan.id));
  }
  return { planId: plan.id, lookupKey: plan.lookupKey, priceId: price!.id, action };
}

export async function syncAllPlans(stripe: Stripe): Promise<PlanSyncResult[]> {
  const paid = await db.select().from(plans).where(isNotNull(plans.lookupKey));
  const results: PlanSyncResult[] = [];
  for (const plan of paid) {
    const result = await syncPlan(stripe, plan);
    if (result) results.push(result);
  }
  return results;
}
