import type Stripe from "stripe";
import { amountOff } from "./discounts";
import type { Decline } from "./errors";
import { chargeCard } from "./payments";
import { DAY } from "./periods";
import { wireDecimal } from "./types";
import type { Work } from "./work";

/**
 * Subscription invoices: draft → finalized (open) → paid, or payment failed with the next attempt
 * scheduled. Each step emits the event Stripe emits for it, in Stripe's order.
 */

export type InvoiceLine = {
  price: Stripe.Price;
  productName: string;
  quantity: number;
  subscriptionItem: string;
  /** What the customer is billed for this line (0 for a trial line). */
  amount: number;
  description: string;
  period: { start: number; end: number };
};

export type DraftInvoice = {
  /** Pre-allocated when the subscription must name its first invoice before the invoice exists. */
  id?: string;
  subscription: Stripe.Subscription;
  customer: Stripe.Customer;
  billingReason: "subscription_create" | "subscription_cycle";
  lines: InvoiceLine[];
  /** Stripe's `period_start`/`period_end` on a cycle invoice are the period just ended, not the lines' period. */
  periodStart: number;
  periodEnd: number;
  discounts: Stripe.Discount[];
};

export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(amount / 100);
}

/** "1 × Gold (at $10.00 / month)", the way Stripe describes a subscription line. */
export function lineDescription(price: Stripe.Price, productName: string, quantity: number): string {
  const r = price.recurring;
  const every = r ? (r.interval_count === 1 ? r.interval : `${r.interval_count} ${r.interval}s`) : "";
  return `${quantity} × ${productName} (at ${formatMoney(price.unit_amount ?? 0, price.currency)}${every ? ` / ${every}` : ""})`;
}

export async function draftInvoice(work: Work, d: DraftInvoice): Promise<Stripe.Invoice> {
  const id = d.id ?? work.id("invoice", 24);
  const currency = d.subscription.currency;
  const subtotal = d.lines.reduce((sum, l) => sum + l.amount, 0);
  let remaining = subtotal;
  const totalDiscounts: Stripe.Invoice.TotalDiscountAmount[] = [];
  for (const discount of d.discounts) {
    const coupon = await work.store.getOrThrow("coupon", discount.source.coupon as string);
    const off = amountOff(coupon, remaining);
    remaining -= off;
    totalDiscounts.push({ amount: off, discount: discount.id });
  }
  const total = remaining;
  const lines: Stripe.InvoiceLineItem[] = d.lines.map((l) => ({
    id: work.id("line_item", 24),
    object: "line_item",
    amount: l.amount,
    currency,
    description: l.description,
    // Discounts are spread over lines in proportion to their amounts; one line takes all of it.
    discount_amounts: totalDiscounts.map((t) => ({ amount: subtotal ? Math.round((t.amount * l.amount) / subtotal) : 0, discount: t.discount })),
    discountable: true,
    discounts: [],
    invoice: id,
    livemode: false,
    metadata: {},
    parent: {
      type: "subscription_item_details",
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null,
        proration: false,
        proration_details: { credited_items: null },
        subscription: d.subscription.id,
        subscription_item: l.subscriptionItem,
      },
    },
    period: l.period,
    pretax_credit_amounts: [],
    pricing: { type: "price_details", price_details: { price: l.price.id, product: l.price.product as string }, unit_amount_decimal: l.price.unit_amount_decimal },
    quantity: l.quantity,
    quantity_decimal: wireDecimal(l.quantity),
    subscription: d.subscription.id,
    subtotal: l.amount,
    taxes: [],
  }));

  const invoice: Stripe.Invoice = {
    id,
    object: "invoice",
    account_country: "US",
    account_name: "Cairn (emulated Stripe)",
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: d.billingReason,
    collection_method: "charge_automatically",
    created: work.time,
    currency,
    custom_fields: null,
    customer: d.customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: d.customer.email,
    customer_name: d.customer.name ?? null,
    customer_phone: d.customer.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: d.discounts.map((x) => x.id),
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: "list", data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: {
      type: "subscription_details",
      quote_details: null,
      subscription_details: { metadata: d.subscription.metadata, subscription: d.subscription.id },
    },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: d.periodEnd,
    period_start: d.periodStart,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "draft",
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal,
    subtotal_excluding_tax: subtotal,
    test_clock: null,
    total,
    total_discount_amounts: totalDiscounts,
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
  await work.save(invoice);
  await work.emit("invoice.created", invoice);
  return invoice;
}

export async function finalizeInvoice(work: Work, draft: Stripe.Invoice): Promise<Stripe.Invoice> {
  // The number comes from the customer's sequence, which moves on with each finalized invoice.
  const customer = await work.store.getOrThrow("customer", draft.customer as string);
  const sequence = customer.next_invoice_sequence ?? 1;
  await work.save({ ...customer, next_invoice_sequence: sequence + 1 });
  const invoice: Stripe.Invoice = {
    ...draft,
    status: "open",
    number: `${customer.invoice_prefix}-${String(sequence).padStart(4, "0")}`,
    effective_at: work.time,
    status_transitions: { ...draft.status_transitions, finalized_at: work.time },
  };
  await work.save(invoice);
  await work.emit("invoice.finalized", invoice);
  return invoice;
}

export type PaymentOutcome = { paid: true; invoice: Stripe.Invoice } | { paid: false; invoice: Stripe.Invoice; decline: Decline };

/**
 * One payment attempt on an open invoice. A failure schedules the next attempt from the dunning
 * schedule (days after this attempt); when none is left `next_payment_attempt` becomes null and
 * the subscription side decides what happens (it cancels).
 */
export async function attemptPayment(
  work: Work,
  open: Stripe.Invoice,
  options: { paymentMethod: Stripe.PaymentMethod | null; onSession: boolean; dunningDays: number[] },
): Promise<PaymentOutcome> {
  if (open.amount_due === 0) return { paid: true, invoice: await markPaid(work, open, null) };
  const attempt = open.attempt_count + 1;
  const existing = (await work.store.all("invoice_payment", { invoice: open.id }))[0];
  const previousIntent = existing?.payment.payment_intent ? await work.store.find("payment_intent", existing.payment.payment_intent as string) : null;
  if (!options.paymentMethod) {
    return failed(work, open, attempt, options.dunningDays, { code: "invoice_no_payment_method", message: "The customer has no default payment method." });
  }
  const result = await chargeCard(work, {
    amount: open.amount_due,
    currency: open.currency,
    customer: open.customer as string,
    paymentMethod: options.paymentMethod,
    description: open.billing_reason === "subscription_create" ? "Subscription creation" : "Subscription update",
    onSession: options.onSession,
    paymentIntent: previousIntent ?? undefined,
  });
  const invoicePayment: Stripe.InvoicePayment = existing ?? {
    id: work.id("invoice_payment", 24),
    object: "invoice_payment",
    amount_paid: null,
    amount_requested: open.amount_due,
    created: work.time,
    currency: open.currency,
    invoice: open.id,
    is_default: true,
    livemode: false,
    payment: { type: "payment_intent", payment_intent: result.paymentIntent.id },
    status: "open",
    status_transitions: { canceled_at: null, paid_at: null },
  };
  if (!result.ok) {
    await work.save(invoicePayment);
    return failed(work, open, attempt, options.dunningDays, result.decline);
  }
  const paidPayment: Stripe.InvoicePayment = { ...invoicePayment, status: "paid", amount_paid: open.amount_due, status_transitions: { ...invoicePayment.status_transitions, paid_at: work.time } };
  await work.save(paidPayment);
  const invoice = await markPaid(work, { ...open, attempt_count: attempt, attempted: true }, paidPayment);
  return { paid: true, invoice };
}

async function markPaid(work: Work, open: Stripe.Invoice, payment: Stripe.InvoicePayment | null): Promise<Stripe.Invoice> {
  const invoice: Stripe.Invoice = {
    ...open,
    status: "paid",
    attempted: true,
    amount_paid: open.amount_due,
    amount_remaining: 0,
    next_payment_attempt: null,
    status_transitions: { ...open.status_transitions, paid_at: work.time },
  };
  await work.save(invoice);
  if (payment) await work.emit("invoice_payment.paid", payment);
  await work.emit("invoice.paid", invoice);
  await work.emit("invoice.payment_succeeded", invoice);
  return invoice;
}

async function failed(work: Work, open: Stripe.Invoice, attempt: number, dunningDays: number[], decline: Decline): Promise<PaymentOutcome> {
  const delay = dunningDays[attempt - 1];
  const invoice: Stripe.Invoice = {
    ...open,
    attempt_count: attempt,
    attempted: true,
    next_payment_attempt: delay === undefined ? null : work.time + delay * DAY,
  };
  await work.save(invoice);
  await work.emit("invoice.payment_failed", invoice);
  return { paid: false, invoice, decline };
}
