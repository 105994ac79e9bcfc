import type Stripe from "stripe";
import { invalidRequest } from "./errors";
import { addMonths } from "./periods";
import type { ObjectStore } from "./store";
import type { Work } from "./work";

/** A coupon about to be applied, and the promotion code it came through (if any). */
export type AppliedCoupon = { coupon: Stripe.Coupon; promotionCode: Stripe.PromotionCode | null };

function couponUsable(coupon: Stripe.Coupon, at: number): boolean {
  if (coupon.redeem_by !== null && coupon.redeem_by < at) return false;
  if (coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions) return false;
  return true;
}

export async function resolveCoupon(store: ObjectStore, ref: { coupon?: string; promotion_code?: string }, at: number, param: string): Promise<AppliedCoupon> {
  if (ref.coupon) {
    const coupon = await store.getOrThrow("coupon", ref.coupon, `${param}[coupon]`);
    if (!couponUsable(coupon, at)) throw invalidRequest(`Coupon ${coupon.id} is no longer valid.`, `${param}[coupon]`, "coupon_expired");
    return { coupon, promotionCode: null };
  }
  if (ref.promotion_code) {
    const promo = await store.getOrThrow("promotion_code", ref.promotion_code, `${param}[promotion_code]`);
    return checkPromotionCode(store, promo, at, `${param}[promotion_code]`);
  }
  throw invalidRequest("A discount needs a coupon or a promotion_code.", param);
}

async function checkPromotionCode(store: ObjectStore, promo: Stripe.PromotionCode, at: number, param: string): Promise<AppliedCoupon> {
  const inactive = !promo.active || (promo.expires_at !== null && promo.expires_at < at) || (promo.max_redemptions !== null && promo.times_redeemed >= promo.max_redemptions);
  if (inactive) throw invalidRequest("This promotion code is not active.", param, "promotion_code_inactive");
  const coupon = await store.getOrThrow("coupon", promo.promotion.coupon as string, param);
  if (!couponUsable(coupon, at)) throw invalidRequest("This promotion code is not active.", param, "promotion_code_inactive");
  return { coupon, promotionCode: promo };
}

/** What a customer types on the hosted page: codes match case-insensitively among active ones. */
export async function resolvePromotionCodeText(store: ObjectStore, text: string, at: number): Promise<AppliedCoupon> {
  const promo = (await store.all("promotion_code", { active: true })).find((p) => p.code.toLowerCase() === text.trim().toLowerCase());
  if (!promo) throw invalidRequest("This code is invalid.", "promotion_code", "promotion_code_invalid");
  return checkPromotionCode(store, promo, at, "promotion_code");
}

/** The amount a coupon takes off a subtotal (never more than the subtotal). */
export function amountOff(coupon: Stripe.Coupon, subtotal: number): number {
  if (coupon.percent_off !== null) return Math.min(subtotal, Math.round((subtotal * coupon.percent_off) / 100));
  return Math.min(subtotal, coupon.amount_off ?? 0);
}

/** Counts a redemption on the coupon and the promotion code (Stripe emits no event for this). */
export async function redeem(work: Work, applied: AppliedCoupon): Promise<void> {
  const coupon = await work.store.getOrThrow("coupon", applied.coupon.id);
  const times = coupon.times_redeemed + 1;
  await work.save({ ...coupon, times_redeemed: times, valid: coupon.max_redemptions === null || times < coupon.max_redemptions });
  if (applied.promotionCode) {
    const promo = await work.store.getOrThrow("promotion_code", applied.promotionCode.id);
    await work.save({ ...promo, times_redeemed: promo.times_redeemed + 1 });
  }
}

/** A discount object, as subscriptions and invoices reference them (`di_…`). */
export async function createDiscount(
  work: Work,
  applied: AppliedCoupon,
  refs: { customer: string | null; subscription: string | null; checkoutSession: string | null; invoice: string | null },
): Promise<Stripe.Discount> {
  const { coupon } = applied;
  const end = coupon.duration === "repeating" && coupon.duration_in_months ? addMonths(work.time, coupon.duration_in_months) : null;
  const discount: Stripe.Discount = {
    id: work.id("discount", 14),
    object: "discount",
    checkout_session: refs.checkoutSession,
    customer: refs.customer,
    customer_account: null,
    end,
    invoice: refs.invoice,
    invoice_item: null,
    promotion_code: applied.promotionCode?.id ?? null,
    source: { coupon: coupon.id, type: "coupon" },
    start: work.time,
    subscription: refs.subscription,
    subscription_item: null,
  };
  await work.save(discount);
  return discount;
}
