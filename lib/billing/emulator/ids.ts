import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const UPPER36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function randomString(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

export function randomBase62(length: number): string {
  return randomString(length, BASE62);
}

/**
 * A Stripe-looking id (`cus_…`, `price_…`, `cs_test_…`). The fixed-width base-36 sequence after the
 * prefix makes ids of one kind sort in creation order (under the "C" collation), so lists can break
 * ties between objects created in the same second by id, as Stripe's lists appear to.
 */
export function makeId(prefix: string, seq: number, randomLength = 8): string {
  return `${prefix}${seq.toString(36).padStart(8, "0")}${randomBase62(randomLength)}`;
}

/** Coupon ids look like Stripe's generated ones (`Z4OV52SU`): eight upper-case characters. */
export function makeCouponId(): string {
  return randomString(8, UPPER36);
}

/** A customer's invoice-number prefix (`7FE1103A`); invoice numbers are `<prefix>-0001`. */
export function makeInvoicePrefix(): string {
  return randomString(8, "0123456789ABCDEF");
}

/** The id prefixes Stripe uses for each object the emulator creates. */
export const ID_PREFIX = {
  customer: "cus_",
  product: "prod_",
  price: "price_",
  "checkout.session": "cs_test_a1",
  item: "li_",
  subscription: "sub_",
  subscription_item: "si_",
  invoice: "in_",
  line_item: "il_",
  invoice_payment: "inpay_",
  payment_intent: "pi_",
  charge: "ch_",
  refund: "re_",
  payment_method: "pm_",
  promotion_code: "promo_",
  discount: "di_",
  "billing_portal.session": "bps_",
  "billing_portal.configuration": "bpc_",
  dispute: "dp_",
  event: "evt_",
  request: "req_",
} as const;

export type IdKind = keyof typeof ID_PREFIX;
