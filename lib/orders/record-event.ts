import "server-only";
import { awardRule, type AwardOutcome } from "@/lib/earning/award-rule";
import { earningKeys } from "@/lib/earning/keys";
import { getOrCreateCustomer } from "@/lib/ledger/customers";
import type { EventInput } from "./schemas";

export type EventOutcome = { status: "created" | "duplicate" | "capped" | "inactive" | "no_points" | "holdout"; customerId: string; points: number; pending: boolean };

/** A review or social share reported by a shop: the rule's points, within its cap, once per externalId. */
export async function recordEvent(integrationId: string, input: EventInput): Promise<EventOutcome> {
  const customer = await getOrCreateCustomer(input.email);
  const outcome: AwardOutcome = await awardRule({
    customerId: customer.id,
    ruleId: input.type,
    key: earningKeys.event(integrationId, input.externalId),
    memo: input.memo,
    metadata: { integrationId, externalId: input.externalId },
  });
  const status = outcome.status === "awarded" ? "created" : outcome.status;
  return { status, customerId: customer.id, points: outcome.points, pending: outcome.status === "awarded" && outcome.pending };
}
