import "server-only";
import type { EventHandler } from "../handler";
import { chargeHandler } from "./charge";
import { checkoutSessionHandler } from "./checkout-session";
import { invoiceHandler } from "./invoice";
import { subscriptionHandler } from "./subscription";

/** Event types Cairn acts on; every other type is acknowledged and ignored. */
export const HANDLERS: Partial<Record<string, EventHandler>> = {
  "checkout.session.completed": checkoutSessionHandler,
  "checkout.session.async_payment_succeeded": checkoutSessionHandler,
  "checkout.session.async_payment_failed": checkoutSessionHandler,
  "customer.subscription.created": subscriptionHandler,
  "customer.subscription.updated": subscriptionHandler,
  "customer.subscription.deleted": subscriptionHandler,
  "customer.subscription.paused": subscriptionHandler,
  "customer.subscription.resumed": subscriptionHandler,
  "invoice.paid": invoiceHandler,
  "invoice.payment_failed": invoiceHandler,
  "charge.refunded": chargeHandler,
  "charge.dispute.created": chargeHandler,
  "charge.dispute.closed": chargeHandler,
};
