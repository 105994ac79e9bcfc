import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { rewards } from "@/db/schema";
import { createPromotionCodeForReward } from "@/lib/billing/promotion-codes";
import { startCheckout } from "@/lib/billing/checkout";
import { customerForUser } from "@/lib/ledger/customers";
import { post } from "@/lib/ledger/post";
import { redeem } from "@/lib/rewards/redeem";
import { createMember, setupBilling } from "../support/billing";

describe("a discount reward that is also a Stripe promotion code", () => {
  let billing: Awaited<ReturnType<typeof setupBilling>>;
  beforeAll(async () => {
    billing = await setupBilling();
  });
  afterAll(() => billing.close());

  it("takes the member's unique code off their membership checkout, once", async () => {
    const [reward] = await db
      .insert(rewards)
      .values({ slug: "five-off-membership", title: "$5 off a membership", kind: "discount", status: "active", pointsCost: 500, discount: { type: "amount", value: 500, expiresInDays: 30, stripePromotion: true } })
      .returning();
    const user = await createMember("promo@example.com");
    const customer = await customerForUser(user);
    await post({ kind: "earn", key: `seed:${customer.id}`, customerId: customer.id, points: 1000, reason: "purchase", memo: "Purchase" });
    const result = await redeem({ customerId: customer.id, rewardId: reward.id });
    if (result.status !== "redeemed" || !result.redemption.code) throw new Error("not redeemed");
    const promotionId = await createPromotionCodeForReward({ code: result.redemption.code, discount: reward.discount!, expiresAt: new Date(Date.now() + 30 * 86_400_000), redemptionId: result.redemption.id });
    expect(promotionId).toMatch(/^promo_/);

    const { url } = await startCheckout(user, "lifetime");
    const sessionId = new URL(url).pathname.split("/").at(-1)!;
    const session = await billing.emulator.applyPromotionCode(sessionId, result.redemption.code);
    expect(session.amount_total).toBe(2500); // $30 − $5
    const paid = await billing.emulator.completeCheckout(sessionId, { cardNumber: "4242 4242 4242 4242" });
    expect(paid.status).toBe("complete");

    // single use: a second checkout cannot apply it again
    const other = await createMember("promo2@example.com");
    const second = await startCheckout(other, "lifetime");
    await expect(billing.emulator.applyPromotionCode(new URL(second.url).pathname.split("/").at(-1)!, result.redemption.code)).rejects.toThrow();
  });
});
