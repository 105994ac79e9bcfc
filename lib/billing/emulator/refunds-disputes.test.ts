import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, createPlan, subscribe, type Harness } from "./test-harness";

// Each file opens an in-memory PGlite and migrates it: slow on a busy two-core machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await createPlan(h.stripe, { lookupKey: "rd_monthly", amount: 1000, interval: "month" });
});
afterAll(async () => {
  await h.close();
});

async function paidCharge(): Promise<Stripe.Charge> {
  const { subscription } = await subscribe(h, { lookupKey: "rd_monthly" });
  const charges = await h.stripe.charges.list({ customer: subscription.customer as string });
  return charges.data[0];
}

describe("refunds", () => {
  it("refunds part of a charge, then the rest, emitting charge.refunded each time", async () => {
    const charge = await paidCharge();
    const partial = await h.stripe.refunds.create({ charge: charge.id, amount: 300, reason: "requested_by_customer" });
    expect(partial).toMatchObject({ object: "refund", amount: 300, charge: charge.id, status: "succeeded", reason: "requested_by_customer" });
    expect(partial.id).toMatch(/^re_/);
    let after = await h.stripe.charges.retrieve(charge.id);
    expect(after.amount_refunded).toBe(300);
    expect(after.refunded).toBe(false);

    // By payment intent, for the remaining amount.
    await h.stripe.refunds.create({ payment_intent: charge.payment_intent as string });
    after = await h.stripe.charges.retrieve(charge.id, { expand: ["refunds"] });
    expect(after.amount_refunded).toBe(1000);
    expect(after.refunded).toBe(true);
    expect(after.refunds?.data.map((r) => r.amount)).toEqual([700, 300]);

    await h.emulator.webhooks.idle();
    const refundedEvents = h.received.filter((r) => r.event.type === "charge.refunded" && (r.event.data.object as Stripe.Charge).id === charge.id);
    expect(refundedEvents.map((r) => (r.event.data.object as Stripe.Charge).amount_refunded)).toEqual([300, 1000]);
    expect((await h.stripe.refunds.list({ charge: charge.id })).data).toHaveLength(2);
  });

  it("refuses to refund more than is left", async () => {
    const charge = await paidCharge();
    await expect(h.stripe.refunds.create({ charge: charge.id, amount: 1001 })).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      param: "amount",
      message: "Refund amount ($10.01) is greater than unrefunded amount on charge ($10.00)",
    });
  });
});

describe("disputes (test helper)", () => {
  it("opens a dispute, then closes it won or lost", async () => {
    const charge = await paidCharge();
    const dispute = await h.emulator.testHelpers.createDispute(charge.id, { reason: "fraudulent" });
    expect(dispute).toMatchObject({ object: "dispute", charge: charge.id, amount: 1000, status: "needs_response", reason: "fraudulent" });
    expect(dispute.id).toMatch(/^dp_/);
    expect((await h.stripe.charges.retrieve(charge.id)).disputed).toBe(true);
    await expect(h.stripe.refunds.create({ charge: charge.id })).rejects.toMatchObject({ code: "charge_disputed" });

    const closed = await h.emulator.testHelpers.closeDispute(dispute.id, "lost");
    expect(closed.status).toBe("lost");
    expect((await h.stripe.disputes.retrieve(dispute.id)).status).toBe("lost");
    const types = (await h.stripe.events.list({ type: "charge.dispute.*", limit: 10 })).data.filter((e) => (e.data.object as Stripe.Dispute).id === dispute.id).map((e) => e.type);
    expect(types).toEqual(["charge.dispute.closed", "charge.dispute.funds_withdrawn", "charge.dispute.created"]);
  });

  it("merchant accepting a dispute through the API closes it as lost", async () => {
    const charge = await paidCharge();
    const dispute = await h.emulator.testHelpers.createDispute(charge.id);
    expect((await h.stripe.disputes.close(dispute.id)).status).toBe("lost");
    await expect(h.emulator.testHelpers.closeDispute(dispute.id, "won")).rejects.toMatchObject({ status: 400 });
  });
});
