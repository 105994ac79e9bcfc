import type Stripe from "stripe";
import { z } from "zod";
import { invalidRequest } from "../errors";
import { expand, listParams, parseParams } from "../params";
import { DAY } from "../periods";
import { present, presentList } from "../present";
import type { Route } from "../route";
import { previousAttributes, type Work } from "../work";

export type DisputeReason = "fraudulent" | "product_not_received" | "duplicate" | "subscription_canceled" | "unrecognized" | "general";

const emptyEvidence: Stripe.Dispute.Evidence = {
  access_activity_log: null,
  billing_address: null,
  cancellation_policy: null,
  cancellation_policy_disclosure: null,
  cancellation_rebuttal: null,
  customer_communication: null,
  customer_email_address: null,
  customer_name: null,
  customer_purchase_ip: null,
  customer_signature: null,
  duplicate_charge_documentation: null,
  duplicate_charge_explanation: null,
  duplicate_charge_id: null,
  enhanced_evidence: {},
  product_description: null,
  receipt: null,
  refund_policy: null,
  refund_policy_disclosure: null,
  refund_refusal_explanation: null,
  service_date: null,
  service_documentation: null,
  shipping_address: null,
  shipping_carrier: null,
  shipping_date: null,
  shipping_documentation: null,
  shipping_tracking_number: null,
  uncategorized_file: null,
  uncategorized_text: null,
};

/** A chargeback on a charge, as a cardholder's bank would open it (test helper: Stripe has no API for this). */
export async function openDispute(work: Work, chargeBefore: Stripe.Charge, input: { reason?: DisputeReason; amount?: number }): Promise<Stripe.Dispute> {
  work.onClockOf(chargeBefore.customer as string | null);
  if (chargeBefore.status !== "succeeded") throw invalidRequest(`Charge ${chargeBefore.id} did not succeed, so it cannot be disputed.`, "charge");
  if (chargeBefore.disputed) throw invalidRequest(`Charge ${chargeBefore.id} is already disputed.`, "charge");
  const card = chargeBefore.payment_method_details?.card;
  const dispute: Stripe.Dispute = {
    id: work.id("dispute", 24),
    object: "dispute",
    amount: input.amount ?? chargeBefore.amount - chargeBefore.amount_refunded,
    balance_transactions: [],
    charge: chargeBefore.id,
    created: work.time,
    currency: chargeBefore.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence,
    evidence_details: { due_by: work.time + 7 * DAY, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0, submission_method: "not_submitted" },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: chargeBefore.payment_intent as string | null,
    payment_method_details: { card: { brand: card?.brand ?? "visa", case_type: "chargeback", network: card?.network ?? "visa", network_reason_code: "10.4" }, type: "card" },
    reason: input.reason ?? "fraudulent",
    status: "needs_response",
  };
  const charge: Stripe.Charge = { ...chargeBefore, disputed: true };
  await work.save(dispute);
  await work.save(charge);
  await work.emit("charge.dispute.created", dispute);
  await work.emit("charge.dispute.funds_withdrawn", dispute);
  return dispute;
}

/** The bank's decision (test helper), or the merchant accepting the dispute (`POST /close`, always lost). */
export async function settleDispute(work: Work, before: Stripe.Dispute, outcome: "won" | "lost"): Promise<Stripe.Dispute> {
  const charge = await work.store.getOrThrow("charge", before.charge as string);
  work.onClockOf(charge.customer as string | null);
  if (before.status === "won" || before.status === "lost") throw invalidRequest(`This dispute is already closed (${before.status}).`, "dispute");
  const after: Stripe.Dispute = { ...before, status: outcome };
  await work.save(after);
  await work.emit("charge.dispute.closed", after, previousAttributes(before, after));
  if (outcome === "won") await work.emit("charge.dispute.funds_reinstated", after);
  return after;
}

export const disputeRoutes: Route[] = [
  {
    method: "GET",
    path: "/v1/disputes/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("dispute", ctx.path.id), p.expand);
    },
  },
  {
    method: "POST",
    path: "/v1/disputes/:id/close",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      const dispute = await ctx.write(async (w) => settleDispute(w, await w.store.getOrThrow("dispute", ctx.path.id), "lost"));
      return present(ctx.store, dispute, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/disputes",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ ...listParams, charge: z.string().optional(), payment_intent: z.string().optional() }), ctx.params);
      const contains: Record<string, unknown> = {};
      if (p.charge) contains.charge = p.charge;
      if (p.payment_intent) contains.payment_intent = p.payment_intent;
      const page = await ctx.store.list("dispute", { contains, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/disputes", page, p.expand);
    },
  },
];
