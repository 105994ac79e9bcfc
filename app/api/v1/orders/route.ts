import { handleSignedJson } from "@/lib/orders/http";
import { ingestOrder } from "@/lib/orders/ingest-order";
import { orderInputSchema } from "@/lib/orders/schemas";

/**
 * POST /api/v1/orders — a shop or POS reports an order (contract: docs/order-api.md). Authorised by
 * the integration's HMAC signature, not a session. 201 when created, 200 for a repeat.
 */
export async function POST(request: Request) {
  return handleSignedJson(request, orderInputSchema, async ({ integration, input }) => {
    const outcome = await ingestOrder(integration.id, input);
    return { status: outcome.status === "created" ? 201 : 200, body: outcome };
  });
}
