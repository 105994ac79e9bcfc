import "server-only";
import { addDays } from "date-fns";
import { and, eq } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { orders, type Customer, type Order } from "@/db/schema";
import { getLiveMembership } from "@/lib/billing/memberships";
import { recomputeTierAfterCommit } from "@/lib/earning/award-rule";
import { purchasePoints } from "@/lib/earning/purchase-points";
import { getEarningRule } from "@/lib/earning/rules";
import { getOrCreateCustomer } from "@/lib/ledger/customers";
import { postIn, withLedgerRetry } from "@/lib/ledger/post";
import { getTierMultiplier } from "@/lib/tiers/tiers";
import { OrderApiError } from "./errors";
import { orderKeys } from "./keys";
import { getProgramCurrency } from "./program-currency";
import type { OrderInput } from "./schemas";

export type IngestOutcome = { status: "created" | "duplicate"; orderId: string; customerId: string; points: number };

const outcomeOf = (order: Order, status: IngestOutcome["status"]): IngestOutcome => ({ status, orderId: order.id, customerId: order.customerId, points: order.points });

export async function findOrder(integrationId: string, externalId: string, conn: Db | Tx = db): Promise<Order | null> {
  const [order] = await conn.select().from(orders).where(and(eq(orders.integrationId, integrationId), eq(orders.externalId, externalId)));
  return order ?? null;
}

/** Purchase points by the rules as they are now: the purchase rule, the customer's tier, their live paid plan. */
async function pointsFor(tx: Tx, customer: Customer, qualifyingCents: number): Promise<{ points: number; holdDays: number }> {
  const rule = await getEarningRule("purchase", tx);
  // A switched-off purchase rule awards nothing, plan "% back" included.
  if (!rule?.active) return { points: 0, holdDays: 0 };
  const tierMultiplier = await getTierMultiplier(customer.id, tx);
  const membership = customer.userId ? await getLiveMembership(customer.userId, tx) : null;
  return { points: purchasePoints({ qualifyingCents, rule, tierMultiplier, plan: membership?.plan.benefits ?? null }), holdDays: rule.holdDays };
}

/**
 * A store order, from the API or a CSV import: the customer matched by email (created if new),
 * the order stored, its points posted, all in one transaction. Idempotent by the orders unique
 * constraint on (integration, externalId): concurrent copies wait on it, then read the winner.
 * The tier is recomputed after commit.
 */
export async function ingestOrder(integrationId: string, input: OrderInput): Promise<IngestOutcome> {
  const currency = await getProgramCurrency();
  if (input.currency !== currency) throw new OrderApiError(422, `currency must be the program's currency, ${currency}; got ${input.currency}.`, "currency");

  const now = new Date();
  // Imports of past orders earn (and expire) from when they were placed; a clock ahead of ours does not.
  const at = input.placedAt < now ? input.placedAt : now;

  const outcome = await withLedgerRetry(() =>
    db.transaction(async (tx): Promise<IngestOutcome> => {
      const existing = await findOrder(integrationId, input.externalId, tx);
      if (existing) return outcomeOf(existing, "duplicate");

      const customer = await getOrCreateCustomer(input.email, tx);
      const { points, holdDays } = await pointsFor(tx, customer, input.qualifyingCents);
      const [order] = await tx
        .insert(orders)
        .values({
          integrationId,
          externalId: input.externalId,
          customerId: customer.id,
          currency: input.currency,
          totalCents: input.totalCents,
          qualifyingCents: input.qualifyingCents,
          points,
          lines: input.lines,
          placedAt: input.placedAt,
        })
        .onConflictDoNothing({ target: [orders.integrationId, orders.externalId] })
        .returning();
      if (!order) {
        // A concurrent copy committed first: it is the order.
        const winner = await findOrder(integrationId, input.externalId, tx);
        if (!winner) throw new Error(`Order ${input.externalId} conflicted but cannot be read`);
        return outcomeOf(winner, "duplicate");
      }

      if (points > 0) {
        await postIn(tx, {
          kind: "earn",
          key: orderKeys.order(integrationId, input.externalId),
          customerId: customer.id,
          points,
          reason: "purchase",
          memo: `Purchase, order ${input.externalId}`,
          holdUntil: holdDays > 0 ? addDays(at, holdDays) : null,
          at,
          metadata: { orderId: order.id, integrationId, externalId: input.externalId },
        });
      }
      return outcomeOf(order, "created");
    }),
  );

  if (outcome.status === "created") await recomputeTierAfterCommit(outcome.customerId, `order:${outcome.orderId}`);
  return outcome;
}
