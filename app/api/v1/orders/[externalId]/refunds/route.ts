import { OrderApiError } from "@/lib/orders/errors";
import { handleSignedJson } from "@/lib/orders/http";
import { refundOrder } from "@/lib/orders/refund-order";
import { orderExternalIdSchema, refundInputSchema } from "@/lib/orders/schemas";

/**
 * POST /api/v1/orders/{externalId}/refunds — a partial or full refund; the order's points are
 * reversed in proportion. Signed like orders. 201 when created, 200 for a repeat of a refundId.
 */
export async function POST(request: Request, ctx: RouteContext<"/api/v1/orders/[externalId]/refunds">) {
  const { externalId } = await ctx.params;
  return handleSignedJson(request, refundInputSchema, async ({ integration, input }) => {
    const orderId = orderExternalIdSchema.safeParse(externalId);
    if (!orderId.success) throw new OrderApiError(400, orderId.error.issues[0].message, "externalId");
    const outcome = await refundOrder(integration.id, orderId.data, input);
    return { status: outcome.status === "created" ? 201 : 200, body: outcome };
  });
}
