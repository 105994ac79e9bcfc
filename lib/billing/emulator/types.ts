import type Stripe from "stripe";

/** The Stripe object types the emulator stores, by their `object` value. */
export type ObjectTypes = {
  customer: Stripe.Customer;
  product: Stripe.Product;
  price: Stripe.Price;
  coupon: Stripe.Coupon;
  promotion_code: Stripe.PromotionCode;
  discount: Stripe.Discount;
  "checkout.session": Stripe.Checkout.Session;
  subscription: Stripe.Subscription;
  invoice: Stripe.Invoice;
  invoice_payment: Stripe.InvoicePayment;
  payment_intent: Stripe.PaymentIntent;
  charge: Stripe.Charge;
  refund: Stripe.Refund;
  payment_method: Stripe.PaymentMethod;
  dispute: Stripe.Dispute;
  "billing_portal.session": Stripe.BillingPortal.Session;
  event: Stripe.EventBase;
};

export type ObjectName = keyof ObjectTypes;
export type StripeObject = ObjectTypes[ObjectName];

/** What a list endpoint returns, before expansion. */
export type ListObject<T> = { object: "list"; data: T[]; has_more: boolean; url: string };

/** A JSON value as stored and sent; the public API never hands out `any`. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * Decimal fields (`unit_amount_decimal`, …) travel as strings on the wire; the SDK turns them into
 * its Decimal class after parsing the response, so the stored JSON must hold the string.
 */
export function wireDecimal(value: number): Stripe.Decimal {
  return String(value) as unknown as Stripe.Decimal;
}
