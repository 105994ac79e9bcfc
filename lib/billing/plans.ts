import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { db, type Db, type Tx } from "@/db";
import { plans, type Plan } from "@/db/schema";

export async function listPlans({ activeOnly = true } = {}): Promise<Plan[]> {
  const query = db.select().from(plans);
  return (activeOnly ? query.where(eq(plans.active, true)) : query).orderBy(asc(plans.sortOrder));
}

/** Pass the transaction when inside one: on PGlite a query outside it would wait for it to end. */
export async function getPlanOrThrow(id: string, conn: Db | Tx = db): Promise<Plan> {
  const [plan] = await conn.select().from(plans).where(eq(plans.id, id));
  if (!plan) throw new Error(`Unknown plan ${id}`);
  return plan;
}

/** A paid plan a customer may buy now, or null: the server chooses the price, never the form. */
export async function findPurchasablePlan(id: string): Promise<Plan | null> {
  const [plan] = await db.select().from(plans).where(and(eq(plans.id, id), eq(plans.active, true)));
  return plan && plan.kind !== "free" && plan.lookupKey ? plan : null;
}

/**
 * Which Cairn plan a Stripe price belongs to: by lookup_key (never by product name), or — for a
 * price that gave its lookup_key to a newer one after a price change, which existing subscribers
 * keep — by the `cairn_plan` metadata that stripe:sync puts on every price it creates. Prices that
 * are neither return null: the webhook ignores objects it does not own.
 */
export async function planForPrice(tx: Tx, price: Stripe.Price | string | null | undefined): Promise<Plan | null> {
  if (!price || typeof price === "string") return null;
  if (price.lookup_key) {
    const [plan] = await tx.select().from(plans).where(eq(plans.lookupKey, price.lookup_key));
    if (plan) return plan;
  }
  const planId = price.metadata?.cairn_plan;
  if (!planId) return null;
  const [plan] = await tx.select().from(plans).where(eq(plans.id, planId));
  return plan && plan.kind !== "free" ? plan : null;
}

export function isRecurring(plan: Plan): boolean {
  return plan.kind === "recurring";
}
