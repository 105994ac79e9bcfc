import type Stripe from "stripe";
import { createDiscount, type AppliedCoupon } from "./discounts";
import { invalidRequest } from "./errors";
import { attemptPayment, draftInvoice, finalizeInvoice, lineDescription, type InvoiceLine } from "./invoicing";
import { DAY, nextBoundary, type Interval } from "./periods";
import { planFromPrice } from "./resources/prices";
import type { ObjectStore } from "./store";
import { previousAttributes, type Work } from "./work";

/**
 * The subscription lifecycle: start (from checkout), each billing cycle, trial end, dunning,
 * cancellation. The clock calls `dueAction`/`runDueAction`; checkout calls `startSubscription`.
 */

export type NewSubscription = {
  customer: Stripe.Customer;
  items: { price: Stripe.Price; quantity: number }[];
  trialDays: number | null;
  metadata: Record<string, string>;
  description: string | null;
  paymentMethod: Stripe.PaymentMethod;
  coupon: AppliedCoupon | null;
  checkoutSession: string;
};

function recurringOf(price: Stripe.Price): { interval: Interval; count: number } {
  if (!price.recurring) throw invalidRequest(`The price ${price.id} is not recurring.`, "price");
  return { interval: price.recurring.interval as Interval, count: price.recurring.interval_count };
}

export function currentPeriod(sub: Stripe.Subscription): { start: number; end: number } {
  const item = sub.items.data[0];
  return { start: item.current_period_start, end: item.current_period_end };
}

async function productName(work: Work, price: Stripe.Price): Promise<string> {
  return (await work.store.find("product", price.product as string))?.name ?? price.nickname ?? price.id;
}

async function paymentMethodFor(work: Work, sub: Stripe.Subscription): Promise<Stripe.PaymentMethod | null> {
  const customer = await work.store.getOrThrow("customer", sub.customer as string);
  const id = (sub.default_payment_method as string | null) ?? (customer.invoice_settings.default_payment_method as string | null);
  return id ? work.store.find("payment_method", id) : null;
}

export async function startSubscription(work: Work, input: NewSubscription): Promise<{ subscription: Stripe.Subscription; invoice: Stripe.Invoice }> {
  const start = work.time;
  const { interval, count } = recurringOf(input.items[0].price);
  const trialEnd = input.trialDays ? start + input.trialDays * DAY : null;
  const anchor = trialEnd ?? start;
  const periodEnd = trialEnd ?? nextBoundary(anchor, interval, count, start);
  const id = work.id("subscription", 24);
  const invoiceId = work.id("invoice", 24);
  const discount = input.coupon ? await createDiscount(work, input.coupon, { customer: input.customer.id, subscription: id, checkoutSession: input.checkoutSession, invoice: null }) : null;

  const items: Stripe.SubscriptionItem[] = input.items.map(({ price, quantity }) => ({
    id: work.id("subscription_item", 14),
    object: "subscription_item",
    billing_thresholds: null,
    created: start,
    current_period_end: periodEnd,
    current_period_start: start,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: planFromPrice(price),
    price,
    quantity,
    subscription: id,
    tax_rates: [],
  }));

  let subscription: Stripe.Subscription = {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: anchor,
    billing_cycle_anchor_config: null,
    billing_mode: { type: "flexible", flexible: { proration_discounts: "included" }, updated_at: start },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: "charge_automatically",
    created: start,
    currency: input.items[0].price.currency,
    customer: input.customer.id,
    customer_account: null,
    days_until_due: null,
    default_payment_method: input.paymentMethod.id,
    default_source: null,
    default_tax_rates: [],
    description: input.description,
    discounts: discount ? [discount.id] : [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: "self" } },
    items: { object: "list", data: items, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: invoiceId,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: "off" },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: start,
    status: trialEnd ? "trialing" : "active",
    test_clock: null,
    transfer_data: null,
    trial_end: trialEnd,
    trial_settings: { end_behavior: { billing_cycle_anchor: null, missing_payment_method: "create_invoice" } },
    trial_start: trialEnd ? start : null,
  };
  await work.save(subscription);
  await work.emit("customer.subscription.created", subscription);

  const lines: InvoiceLine[] = [];
  for (const [i, { price, quantity }] of input.items.entries()) {
    const name = await productName(work, price);
    lines.push({
      price,
      productName: name,
      quantity,
      subscriptionItem: items[i].id,
      amount: trialEnd ? 0 : (price.unit_amount ?? 0) * quantity,
      description: trialEnd ? `Trial period for ${name}` : lineDescription(price, name, quantity),
      period: { start, end: periodEnd },
    });
  }
  const draft = await draftInvoice(work, {
    id: invoiceId,
    subscription,
    customer: input.customer,
    billingReason: "subscription_create",
    lines,
    periodStart: start,
    periodEnd: start,
    discounts: discount && !trialEnd ? [discount] : [],
  });
  const open = await finalizeInvoice(work, draft);
  const outcome = await attemptPayment(work, open, { paymentMethod: input.paymentMethod, onSession: true, dunningDays: work.core.dunningDays });
  if (!outcome.paid) throw new Error("checkout charged a card that the emulator had already accepted");
  subscription = await dropSpentDiscounts(work, subscription, discount && !trialEnd ? [discount] : [], periodEnd);
  return { subscription, invoice: outcome.invoice };
}

/** `once` coupons are used up by the first invoice that applies them; `repeating` ones end. */
async function dropSpentDiscounts(work: Work, sub: Stripe.Subscription, applied: Stripe.Discount[], nextPeriodStart: number): Promise<Stripe.Subscription> {
  const keep: string[] = [];
  for (const id of sub.discounts as string[]) {
    const discount = await work.store.getOrThrow("discount", id);
    const coupon = await work.store.getOrThrow("coupon", discount.source.coupon as string);
    const spent = (coupon.duration === "once" && applied.some((a) => a.id === id)) || (discount.end !== null && discount.end <= nextPeriodStart);
    if (!spent) keep.push(id);
  }
  if (keep.length === sub.discounts.length) return sub;
  const next = { ...sub, discounts: keep };
  await work.save(next);
  return next;
}

export type DueAction = { at: number; kind: "cycle" | "end" | "retry" };

/** What the clock must do next for a subscription, and when (emulator time of its customer). */
export async function dueAction(store: ObjectStore, sub: Stripe.Subscription): Promise<DueAction | null> {
  if (sub.status === "canceled" || sub.status === "incomplete_expired") return null;
  const { end } = currentPeriod(sub);
  const candidates: DueAction[] = [];
  if (sub.cancel_at !== null) candidates.push({ at: sub.cancel_at, kind: "end" });
  else candidates.push({ at: end, kind: "cycle" });
  if (sub.status === "past_due" && sub.latest_invoice) {
    const invoice = await store.find("invoice", sub.latest_invoice as string);
    if (invoice?.status === "open" && invoice.next_payment_attempt !== null) candidates.push({ at: invoice.next_payment_attempt, kind: "retry" });
  }
  return candidates.sort((a, b) => a.at - b.at)[0];
}

export async function runDueAction(work: Work, sub: Stripe.Subscription, action: DueAction): Promise<void> {
  work.time = action.at;
  if (action.kind === "end") return endSubscription(work, sub, { at: action.at, reason: null });
  if (action.kind === "retry") return retryLatestInvoice(work, sub);
  return cycle(work, sub);
}

/** A period boundary: trial end or renewal. Invoice, then the subscription moves to its new period. */
async function cycle(work: Work, before: Stripe.Subscription): Promise<void> {
  const old = currentPeriod(before);
  const price0 = before.items.data[0].price;
  const { interval, count } = recurringOf(price0);
  const start = old.end;
  const end = nextBoundary(before.billing_cycle_anchor, interval, count, start);
  const customer = await work.store.getOrThrow("customer", before.customer as string);
  const discounts: Stripe.Discount[] = [];
  for (const id of before.discounts as string[]) discounts.push(await work.store.getOrThrow("discount", id));

  const lines: InvoiceLine[] = [];
  for (const item of before.items.data) {
    const name = await productName(work, item.price);
    const quantity = item.quantity ?? 1;
    lines.push({ price: item.price, productName: name, quantity, subscriptionItem: item.id, amount: (item.price.unit_amount ?? 0) * quantity, description: lineDescription(item.price, name, quantity), period: { start, end } });
  }
  const draft = await draftInvoice(work, { subscription: before, customer, billingReason: "subscription_cycle", lines, periodStart: old.start, periodEnd: old.end, discounts });
  const open = await finalizeInvoice(work, draft);
  const outcome = await attemptPayment(work, open, { paymentMethod: await paymentMethodFor(work, before), onSession: false, dunningDays: work.core.dunningDays });

  let after: Stripe.Subscription = {
    ...before,
    status: outcome.paid ? "active" : "past_due",
    latest_invoice: outcome.invoice.id,
    items: { ...before.items, data: before.items.data.map((i) => ({ ...i, current_period_start: start, current_period_end: end })) },
  };
  await work.save(after);
  after = await dropSpentDiscounts(work, after, discounts, end);
  await work.emit("customer.subscription.updated", after, previousAttributes(before, after));
}

async function retryLatestInvoice(work: Work, before: Stripe.Subscription): Promise<void> {
  const invoice = await work.store.getOrThrow("invoice", before.latest_invoice as string);
  const outcome = await attemptPayment(work, invoice, { paymentMethod: await paymentMethodFor(work, before), onSession: false, dunningDays: work.core.dunningDays });
  if (outcome.paid) {
    const after: Stripe.Subscription = { ...before, status: "active" };
    await work.save(after);
    await work.emit("customer.subscription.updated", after, previousAttributes(before, after));
    return;
  }
  // Retries exhausted: Stripe's "cancel the subscription" setting; the invoice stays open (past due).
  if (outcome.invoice.next_payment_attempt === null) await endSubscription(work, before, { at: work.time, reason: "payment_failed" });
}

/** Pays the open invoice of a past-due subscription now (after the customer updated their card). */
export async function retryNow(work: Work, sub: Stripe.Subscription): Promise<void> {
  if (sub.status === "past_due" && sub.latest_invoice) await retryLatestInvoice(work, sub);
}

export async function endSubscription(
  work: Work,
  before: Stripe.Subscription,
  how: { at: number; reason: "cancellation_requested" | "payment_failed" | null; comment?: string; feedback?: Stripe.Subscription.CancellationDetails.Feedback },
): Promise<void> {
  const after: Stripe.Subscription = {
    ...before,
    status: "canceled",
    ended_at: how.at,
    canceled_at: before.canceled_at ?? how.at,
    cancel_at: before.cancel_at,
    cancellation_details: {
      comment: how.comment ?? before.cancellation_details?.comment ?? null,
      feedback: how.feedback ?? before.cancellation_details?.feedback ?? null,
      feedback_option: before.cancellation_details?.feedback_option ?? null,
      reason: how.reason ?? before.cancellation_details?.reason ?? "cancellation_requested",
    },
  };
  await work.save(after);
  await work.emit("customer.subscription.deleted", after, previousAttributes(before, after));
}

/** Cancel at period end (or take it back): Stripe sets `cancel_at` to the period end and stamps `canceled_at`. */
export async function setCancelAtPeriodEnd(
  work: Work,
  before: Stripe.Subscription,
  cancel: boolean,
  details: { comment?: string; feedback?: Stripe.Subscription.CancellationDetails.Feedback } = {},
): Promise<Stripe.Subscription> {
  if (before.status === "canceled") throw invalidRequest("A canceled subscription can only update its cancellation_details and metadata.", "cancel_at_period_end");
  const after: Stripe.Subscription = cancel
    ? {
        ...before,
        cancel_at_period_end: true,
        cancel_at: currentPeriod(before).end,
        canceled_at: work.time,
        cancellation_details: { comment: details.comment ?? null, feedback: details.feedback ?? null, feedback_option: null, reason: "cancellation_requested" },
      }
    : { ...before, cancel_at_period_end: false, cancel_at: null, canceled_at: null, cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null } };
  return saveUpdated(work, before, after);
}

export async function saveUpdated(work: Work, before: Stripe.Subscription, after: Stripe.Subscription): Promise<Stripe.Subscription> {
  const previous = previousAttributes(before, after);
  if (Object.keys(previous).length === 0) return before;
  await work.save(after);
  await work.emit("customer.subscription.updated", after, previous);
  return after;
}
