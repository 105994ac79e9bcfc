import "server-only";
import type { DiscountConfig } from "@/db/schema";
import { getStripe } from "./stripe-client";

/**
 * A discount reward marked "also a Stripe promotion code": the member's unique code works at
 * membership checkout too (checkout sessions allow promotion codes). One use, same expiry.
 * Created after the redemption commits; a Stripe failure leaves the code valid in the store and is
 * logged, never undoing the redemption.
 */
export async function createPromotionCodeForReward(input: { code: string; discount: DiscountConfig; expiresAt: Date | null; redemptionId: string }): Promise<string | null> {
  try {
    const stripe = await getStripe();
    const coupon = await stripe.coupons.create(
      input.discount.type === "percent"
        ? { percent_off: input.discount.value, duration: "once", metadata: { cairn_redemption: input.redemptionId } }
        : { amount_off: input.discount.value, currency: "usd", duration: "once", metadata: { cairn_redemption: input.redemptionId } },
      { idempotencyKey: `cairn-reward-coupon-${input.redemptionId}` },
    );
    const promotion = await stripe.promotionCodes.create(
      {
        promotion: { type: "coupon", coupon: coupon.id },
        code: input.code,
        max_redemptions: 1,
        ...(input.expiresAt ? { expires_at: Math.floor(input.expiresAt.getTime() / 1000) } : {}),
        metadata: { cairn_redemption: input.redemptionId },
      },
      { idempotencyKey: `cairn-reward-promotion-${input.redemptionId}` },
    );
    return promotion.id;
  } catch (error) {
    console.error("[billing] could not create the Stripe promotion code for a reward", { redemption: input.redemptionId, error });
    return null;
  }
}
