import "server-only";
import { and, eq, sql, sum } from "drizzle-orm";
import { db } from "@/db";
import { orderRefunds, orders, pointPostings } from "@/db/schema";
import { recomputeTierAfterCommit } from "@/lib/earning/award-rule";
import { postIn, withLedgerRetry } from "@/lib/ledger/post";
import { OrderApiError } from "./errors";
import { orderKeys } from "./keys";
import { refundPoints } from "./refund-points";
import type { RefundInput } from "./schemas";

export type RefundOutcome = {
  status: "created" | "duplicate";
  refundId: string;
  orderId: string;
  customerId: string;
  /** Points taken back by this refund (positive). */
  points: number;
  /** What is left of the order to refund, in cents. */
  remainingCents: number;
};

/**
 * A partial or full refund of an order: the order row is locked, so concurrent refunds of one
 * order run one at a time and cannot refund more than its total. The reversal draws the order's
 * own points first; what the member already spent becomes debt (lib/ledger). Idempotent by
 * (order, refundId), the order_refunds unique constraint.
 */
export async function refundOrder(integrationId: string, externalId: string, input: RefundInput): Promise<RefundOutcome> {
  const outcome = await withLedgerRetry(() =>
    db.transaction(async (tx): Promise<RefundOutcome> => {
      const [order] = await tx
        .select()
        .from(orders)
        .where(and(eq(orders.integrationId, integrationId), eq(orders.externalId, externalId)))
        .for("update");
      if (!order) throw new OrderApiError(404, `There is no order ${externalId} from this integration.`, "externalId");
      const base = { refundId: input.refundId, orderId: order.id, customerId: order.customerId };

      const [existing] = await tx.select().from(orderRefunds).where(and(eq(orderRefunds.orderId, order.id), eq(orderRefunds.externalId, input.refundId)));
      if (existing) return { ...base, status: "duplicate", points: existing.points, remainingCents: order.totalCents - order.refundedCents };

      const remainingCents = order.totalCents - order.refundedCents;
      if (input.amountCents > remainingCents) {
        throw new OrderApiError(422, `amountCents is more than what remains to refund on this order (${remainingCents} cents).`, "amountCents");
      }
      const [{ reversed }] = await tx.select({ reversed: sum(orderRefunds.points).mapWith(Number) }).from(orderRefunds).where(eq(orderRefunds.orderId, order.id));
      const points = refundPoints({ orderPoints: order.points, totalCents: order.totalCents, refundedCents: order.refundedCents, reversedPoints: reversed ?? 0, amountCents: input.amountCents });

      await tx.insert(orderRefunds).values({ orderId: order.id, externalId: input.refundId, amountCents: input.amountCents, points });
      await tx
        .update(orders)
        .set({ refundedCents: sql`${orders.refundedCents} + ${input.amountCents}` })
        .where(eq(orders.id, order.id));

      if (points > 0) {
        const [source] = await tx.select({ id: pointPostings.id }).from(pointPostings).where(eq(pointPostings.key, orderKeys.order(integrationId, externalId)));
        await postIn(tx, {
          kind: "reverse",
          key: orderKeys.refund(order.id, input.refundId),
          customerId: order.customerId,
          points,
          sourcePostingId: source?.id,
          reason: "order_refund",
          memo: remainingCents === input.amountCents ? `Order ${externalId} refunded` : `Partial refund, order ${externalId}`,
          metadata: { orderId: order.id, refundId: input.refundId, amountCents: input.amountCents },
        });
      }
      return { ...base, status: "created", points, remainingCents: remainingCents - input.amountCents };
    }),
  );
  // Reversed points no longer qualify for a tier.
  if (outcome.status === "created" && outcome.points > 0) await recomputeTierAfterCommit(outcome.customerId, `order_refund:${outcome.orderId}`);
  return outcome;
}
