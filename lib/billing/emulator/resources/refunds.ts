import type Stripe from "stripe";
import { z } from "zod";
import { invalidRequest } from "../errors";
import { formatMoney } from "../invoicing";
import { expand, int, listParams, mergeMetadata, metadata, oneOf, parseParams } from "../params";
import { present, presentList } from "../present";
import type { Route } from "../route";
import { previousAttributes, type Work } from "../work";

const createSchema = z.strictObject({
  charge: z.string().optional(),
  payment_intent: z.string().optional(),
  amount: int.optional(),
  reason: oneOf(["duplicate", "fraudulent", "requested_by_customer"]).optional(),
  metadata: metadata.optional(),
  expand,
});

export async function createRefund(
  work: Work,
  input: { charge: Stripe.Charge; amount?: number; reason?: Stripe.Refund.Reason; metadata?: Record<string, string> },
): Promise<Stripe.Refund> {
  const before = input.charge;
  work.onClockOf(before.customer as string | null);
  if (before.status !== "succeeded") throw invalidRequest(`Charge ${before.id} has not succeeded, so it cannot be refunded.`, "charge");
  if (before.disputed) throw invalidRequest(`Charge ${before.id} has been charged back; cannot issue a refund.`, "charge", "charge_disputed");
  const remaining = before.amount - before.amount_refunded;
  if (remaining === 0) throw invalidRequest(`Charge ${before.id} has already been refunded.`, "charge", "charge_already_refunded");
  const amount = input.amount ?? remaining;
  if (amount <= 0) throw invalidRequest("Invalid positive integer", "amount");
  if (amount > remaining) {
    throw invalidRequest(`Refund amount (${formatMoney(amount, before.currency)}) is greater than unrefunded amount on charge (${formatMoney(remaining, before.currency)})`, "amount", "amount_too_large");
  }
  const refund: Stripe.Refund = {
    id: work.id("refund", 24),
    object: "refund",
    amount,
    balance_transaction: null,
    charge: before.id,
    created: work.time,
    currency: before.currency,
    customer: before.customer as string | null,
    customer_account: null,
    destination_details: { card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" }, type: "card" },
    metadata: input.metadata ?? {},
    payment_intent: before.payment_intent as string | null,
    payment_method: before.payment_method,
    reason: input.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
  const refunded = before.amount_refunded + amount;
  const after: Stripe.Charge = { ...before, amount_refunded: refunded, refunded: refunded === before.amount };
  await work.save(refund);
  await work.save(after);
  await work.emit("refund.created", refund);
  await work.emit("charge.refunded", after, previousAttributes(before, after));
  return refund;
}

export const refundRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/refunds",
    handler: async (ctx) => {
      const p = parseParams(createSchema, ctx.params);
      if (!p.charge === !p.payment_intent) throw invalidRequest("You must pass exactly one of charge or payment_intent.", "charge");
      const refund = await ctx.write(async (w) => {
        let chargeId = p.charge;
        if (p.payment_intent) {
          const pi = await w.store.getOrThrow("payment_intent", p.payment_intent, "payment_intent");
          if (pi.status !== "succeeded" || !pi.latest_charge) throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, "payment_intent");
          chargeId = pi.latest_charge as string;
        }
        const charge = await w.store.getOrThrow("charge", chargeId!, "charge");
        return createRefund(w, { charge, amount: p.amount, reason: p.reason, metadata: mergeMetadata({}, p.metadata) });
      });
      return present(ctx.store, refund, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/refunds/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("refund", ctx.path.id), p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/refunds",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ ...listParams, charge: z.string().optional(), payment_intent: z.string().optional() }), ctx.params);
      const contains: Record<string, unknown> = {};
      if (p.charge) contains.charge = p.charge;
      if (p.payment_intent) contains.payment_intent = p.payment_intent;
      const page = await ctx.store.list("refund", { contains, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/refunds", page, p.expand);
    },
  },
];
