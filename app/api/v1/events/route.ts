import { handleSignedJson } from "@/lib/orders/http";
import { recordEvent } from "@/lib/orders/record-event";
import { eventInputSchema } from "@/lib/orders/schemas";

/**
 * POST /api/v1/events — a review or social share, worth its earning rule's points within the
 * rule's cap. Signed like orders. 201 when awarded; 200 for a repeat, a capped or a switched-off rule.
 */
export async function POST(request: Request) {
  return handleSignedJson(request, eventInputSchema, async ({ integration, input }) => {
    const outcome = await recordEvent(integration.id, input);
    return { status: outcome.status === "created" ? 201 : 200, body: outcome };
  });
}
