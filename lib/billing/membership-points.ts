import "server-only";
import { and, eq, like, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { customers, earningRules, pointPostings, users, type Plan } from "@/db/schema";
import { recomputeTierAfterCommit } from "@/lib/earning/award-rule";
import { customerForUser } from "@/lib/ledger/customers";
import { postIn } from "@/lib/ledger/post";
import type { AfterCommit } from "./webhooks/handler";

async function memberCustomer(tx: Tx, userId: string) {
  const [user] = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
  return user ? customerForUser(user, tx) : null;
}

async function bonusRuleActive(tx: Tx): Promise<boolean> {
  const [rule] = await tx.select({ active: earningRules.active }).from(earningRules).where(eq(earningRules.id, "membership"));
  return rule?.active ?? false;
}

/** A renewal or first payment of a recurring plan: the plan's bonus, once per invoice. */
export async function grantInvoiceBonus(tx: Tx, { userId, plan, invoiceId, eventId }: { userId: string; plan: Plan; invoiceId: string; eventId: string }) {
  if (plan.benefits.bonusPoints <= 0 || !(await bonusRuleActive(tx))) return;
  const customer = await memberCustomer(tx, userId);
  if (!customer) return;
  await postIn(tx, {
    kind: "earn",
    key: `stripe:${invoiceId}`,
    customerId: customer.id,
    points: plan.benefits.bonusPoints,
    reason: "membership",
    memo: `${plan.name} membership bonus`,
    metadata: { stripeInvoice: invoiceId, stripeEvent: eventId },
  });
}

/**
 * A lifetime purchase's bonus follows its state, whatever order events arrive in: held while the
 * payment stands, taken back on a refund or an open or lost dispute, given back if a dispute is won.
 * Each event posts the difference between what the member should have and what they got, keyed on
 * the event, under the purchase's billing lock — so the end state is the same in any order.
 */
export async function settlePurchaseBonus(tx: Tx, { userId, plan, paymentIntentId, live, eventId }: { userId: string; plan: Plan; paymentIntentId: string; live: boolean; eventId: string }) {
  const customer = await memberCustomer(tx, userId);
  if (!customer) return;
  const prefix = `stripe:purchase:${paymentIntentId}:`;
  const [{ held }] = await tx
    .select({ held: sql<number>`coalesce(sum(${pointPostings.points}), 0)::int` })
    .from(pointPostings)
    .where(and(eq(pointPostings.customerId, customer.id), like(pointPostings.key, `${prefix}%`)));
  const target = live && plan.benefits.bonusPoints > 0 && (await bonusRuleActive(tx)) ? plan.benefits.bonusPoints : 0;
  const delta = target - held;
  if (delta > 0) {
    await postIn(tx, { kind: "earn", key: `${prefix}${eventId}`, customerId: customer.id, points: delta, reason: "membership", memo: `${plan.name} membership bonus`, metadata: { stripePaymentIntent: paymentIntentId } });
  } else if (delta < 0) {
    const [grant] = await tx.select({ id: pointPostings.id }).from(pointPostings).where(and(eq(pointPostings.customerId, customer.id), like(pointPostings.key, `${prefix}%`), eq(pointPostings.kind, "earn")));
    await postIn(tx, {
      kind: "reverse",
      key: `${prefix}${eventId}`,
      customerId: customer.id,
      points: -delta,
      sourcePostingId: grant?.id,
      reason: "membership_refund",
      memo: `${plan.name} membership bonus taken back (payment refunded or disputed)`,
      metadata: { stripePaymentIntent: paymentIntentId },
    });
  }
}

/** After a membership changes, its plan's minimum tier applies now (upgrade email included), not at the nightly job. */
export function recomputeTierAfterMembership(userId: string): AfterCommit {
  return async () => {
    const [customer] = await db.select({ id: customers.id }).from(customers).where(eq(customers.userId, userId));
    if (customer) await recomputeTierAfterCommit(customer.id, "membership");
  };
}
