import type Stripe from "stripe";
import { z } from "zod";
import { amountOff, resolveCoupon, type AppliedCoupon } from "../discounts";
import { invalidRequest } from "../errors";
import { bool, expand, int, listParams, mergeMetadata, metadata, oneOf, parseParams } from "../params";
import { DAY } from "../periods";
import { present, presentList } from "../present";
import type { Route } from "../route";
import type { Work } from "../work";

const discountSchema = z.strictObject({ coupon: z.string().optional(), promotion_code: z.string().optional() });

const createSchema = z.strictObject({
  mode: oneOf(["payment", "subscription"]),
  line_items: z.array(z.strictObject({ price: z.string(), quantity: int.optional() })).min(1),
  success_url: z.string().optional(),
  cancel_url: z.string().optional(),
  client_reference_id: z.string().max(200).optional(),
  customer: z.string().optional(),
  customer_email: z.string().optional(),
  customer_creation: oneOf(["always", "if_required"]).optional(),
  metadata: metadata.optional(),
  subscription_data: z.strictObject({ trial_period_days: int.optional(), metadata: metadata.optional(), description: z.string().optional() }).optional(),
  payment_intent_data: z.strictObject({ metadata: metadata.optional(), description: z.string().optional(), receipt_email: z.string().optional() }).optional(),
  discounts: z.array(discountSchema).max(1).optional(),
  allow_promotion_codes: bool.optional(),
  expires_at: int.optional(),
  locale: z.string().optional(),
  billing_address_collection: oneOf(["auto", "required"]).optional(),
  payment_method_types: z.array(z.string()).optional(),
  ui_mode: z.literal("hosted").optional(),
  expand,
});

const listSchema = z.strictObject({
  ...listParams,
  customer: z.string().optional(),
  payment_intent: z.string().optional(),
  subscription: z.string().optional(),
  status: oneOf(["open", "complete", "expired"]).optional(),
});

/**
 * Amounts as the hosted page shows them: what is due today. A trial makes the first payment 0,
 * like Stripe's `amount_total` on a trialing subscription session.
 */
export function sessionTotals(items: Stripe.LineItem[], coupon: Stripe.Coupon | null, dueToday: boolean) {
  const subtotal = dueToday ? items.reduce((s, i) => s + (i.price?.unit_amount ?? 0) * (i.quantity ?? 1), 0) : 0;
  const discount = coupon ? amountOff(coupon, subtotal) : 0;
  return { subtotal, discount, total: subtotal - discount };
}

/** Recomputes a session's line items and totals after a discount is set (creation or a code typed on the page). */
export function withDiscount(session: Stripe.Checkout.Session, applied: AppliedCoupon | null, dueToday: boolean): Stripe.Checkout.Session {
  const items = session.line_items!.data;
  const totals = sessionTotals(items, applied?.coupon ?? null, dueToday);
  let left = totals.discount;
  const data = items.map((item, i) => {
    const sub = dueToday ? (item.price?.unit_amount ?? 0) * (item.quantity ?? 1) : 0;
    // Spread the discount over lines in proportion; the last line takes the rounding remainder.
    const share = i === items.length - 1 ? left : totals.subtotal ? Math.round((totals.discount * sub) / totals.subtotal) : 0;
    left -= share;
    return { ...item, amount_subtotal: sub, amount_discount: share, amount_total: sub - share };
  });
  return {
    ...session,
    amount_subtotal: totals.subtotal,
    amount_total: totals.total,
    discounts: applied ? [{ coupon: applied.coupon.id, promotion_code: applied.promotionCode?.id ?? null }] : [],
    total_details: { amount_discount: totals.discount, amount_shipping: 0, amount_tax: 0 },
    line_items: { ...session.line_items!, data },
  };
}

async function createSession(work: Work, p: z.output<typeof createSchema>): Promise<Stripe.Checkout.Session> {
  if (p.customer && p.customer_email) throw invalidRequest("You may only specify one of these parameters: customer, customer_email.", "customer_email");
  if (p.discounts?.length && p.allow_promotion_codes) throw invalidRequest("You may only specify one of these parameters: allow_promotion_codes, discounts.", "discounts");
  if (p.mode === "payment" && p.subscription_data) throw invalidRequest("You can not pass `subscription_data` in `payment` mode.", "subscription_data");
  if (p.mode === "subscription" && p.payment_intent_data) throw invalidRequest("You can not pass `payment_intent_data` in `subscription` mode.", "payment_intent_data");
  if (p.mode === "subscription" && p.customer_creation) throw invalidRequest("`customer_creation` can only be used in `payment` mode.", "customer_creation");
  const customer = p.customer ? await work.store.getOrThrow("customer", p.customer, "customer") : null;
  work.onClockOf(customer?.id);

  const id = work.id("checkout.session");
  const items: Stripe.LineItem[] = [];
  for (const [i, li] of p.line_items.entries()) {
    const param = `line_items[${i}][price]`;
    const price = await work.store.getOrThrow("price", li.price, param);
    if (!price.active) throw invalidRequest("The price specified is inactive. This field only accepts active prices.", param);
    if (p.mode === "payment" && price.type === "recurring") throw invalidRequest("You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.", param);
    if (p.mode === "subscription" && price.type !== "recurring") throw invalidRequest("The emulator supports only recurring prices in `subscription` mode.", param);
    if (items[0] && items[0].currency !== price.currency) throw invalidRequest("All prices on a Checkout Session must share one currency.", param);
    const product = await work.store.find("product", price.product as string);
    const quantity = li.quantity ?? 1;
    items.push({
      id: work.id("item", 24),
      object: "item",
      adjustable_quantity: null,
      amount_discount: 0,
      amount_subtotal: 0,
      amount_tax: 0,
      amount_total: 0,
      currency: price.currency,
      description: product?.name ?? null,
      metadata: {},
      price,
      quantity,
    });
  }
  if (p.mode === "subscription") {
    const [first, ...rest] = items.map((i) => i.price!.recurring!);
    if (rest.some((r) => r.interval !== first.interval || r.interval_count !== first.interval_count)) throw invalidRequest("All recurring prices must share one billing interval.", "line_items");
  }
  const trialDays = p.subscription_data?.trial_period_days ?? null;
  if (trialDays !== null && (trialDays < 1 || trialDays > 730)) throw invalidRequest("Invalid subscription_data[trial_period_days]: must be between 1 and 730.", "subscription_data[trial_period_days]");
  const applied = p.discounts?.[0] ? await resolveCoupon(work.store, p.discounts[0], work.time, "discounts[0]") : null;
  const expiresAt = p.expires_at ?? work.time + DAY;
  if (expiresAt < work.time + 1800 || expiresAt > work.time + DAY) throw invalidRequest("The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", "expires_at");

  const base: Stripe.Checkout.Session = {
    id,
    object: "checkout.session",
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: p.allow_promotion_codes ?? null,
    allowed_payment_method_types: null,
    amount_subtotal: 0,
    amount_total: 0,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: p.billing_address_collection ?? null,
    cancel_url: p.cancel_url ?? null,
    client_reference_id: p.client_reference_id ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: work.time,
    currency: items[0].currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: customer?.id ?? null,
    customer_account: null,
    customer_creation: p.mode === "payment" ? (p.customer_creation ?? (customer ? null : "if_required")) : customer ? null : "always",
    customer_details: customer ? { address: null, business_name: null, email: customer.email, individual_name: null, name: customer.name ?? null, phone: null, tax_exempt: "none", tax_ids: [] } : null,
    customer_email: p.customer_email ?? null,
    discounts: [],
    expires_at: expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation: p.mode === "payment" ? { enabled: false, invoice_data: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: null, metadata: {}, rendering_options: null } } : null,
    line_items: { object: "list", data: items, has_more: false, url: `/v1/checkout/sessions/${id}/line_items` },
    livemode: false,
    locale: (p.locale as Stripe.Checkout.Session.Locale | undefined) ?? null,
    managed_payments: null,
    metadata: mergeMetadata({}, p.metadata),
    mode: p.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: p.mode === "subscription" ? "always" : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ["card"],
    payment_status: "unpaid",
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: null,
    subscription: null,
    success_url: p.success_url ?? null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted",
    // The app serves the hosted page itself (app/dev/stripe/checkout/[id]).
    url: `${work.core.appUrl}/dev/stripe/checkout/${id}`,
    wallet_options: null,
  };
  const session = withDiscount(base, applied, trialDays === null);
  await work.save(session);
  await work.store.putRaw(`${id}:params`, "emulator.checkout_params", sessionParams(p), work.time);
  return session;
}

/** What completion needs later that the session object does not carry (Stripe keeps it internally too). */
export type SessionParams = {
  trialDays: number | null;
  subscriptionMetadata: Record<string, string>;
  subscriptionDescription: string | null;
  paymentIntentMetadata: Record<string, string>;
  paymentIntentDescription: string | null;
  receiptEmail: string | null;
};

function sessionParams(p: z.output<typeof createSchema>): SessionParams {
  return {
    trialDays: p.subscription_data?.trial_period_days ?? null,
    subscriptionMetadata: mergeMetadata({}, p.subscription_data?.metadata),
    subscriptionDescription: p.subscription_data?.description ?? null,
    paymentIntentMetadata: mergeMetadata({}, p.payment_intent_data?.metadata),
    paymentIntentDescription: p.payment_intent_data?.description ?? null,
    receiptEmail: p.payment_intent_data?.receipt_email ?? null,
  };
}

export async function expireSession(work: Work, session: Stripe.Checkout.Session): Promise<Stripe.Checkout.Session> {
  if (session.status !== "open") throw invalidRequest(`Only Checkout Sessions with a status in ["open"] can be expired.`, "session");
  const expired: Stripe.Checkout.Session = { ...session, status: "expired", url: null };
  await work.save(expired);
  await work.emit("checkout.session.expired", expired);
  return expired;
}

export const checkoutSessionRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/checkout/sessions",
    handler: async (ctx) => {
      const p = parseParams(createSchema, ctx.params);
      const session = await ctx.write((w) => createSession(w, p));
      return present(ctx.store, session, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/checkout/sessions/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("checkout.session", ctx.path.id), p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/checkout/sessions/:id/line_items",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject(listParams), ctx.params);
      const session = await ctx.store.getOrThrow("checkout.session", ctx.path.id);
      return present(ctx.store, session.line_items!, p.expand);
    },
  },
  {
    method: "POST",
    path: "/v1/checkout/sessions/:id/expire",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      const session = await ctx.write(async (w) => expireSession(w, await w.store.getOrThrow("checkout.session", ctx.path.id)));
      return present(ctx.store, session, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/checkout/sessions",
    handler: async (ctx) => {
      const p = parseParams(listSchema, ctx.params);
      const contains: Record<string, unknown> = {};
      if (p.customer) contains.customer = p.customer;
      if (p.payment_intent) contains.payment_intent = p.payment_intent;
      if (p.subscription) contains.subscription = p.subscription;
      if (p.status) contains.status = p.status;
      const page = await ctx.store.list("checkout.session", { contains, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/checkout/sessions", page, p.expand);
    },
  },
];
