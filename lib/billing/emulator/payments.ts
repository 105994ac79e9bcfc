import type Stripe from "stripe";
import { cardFingerprint, chargeDecline, testCardByFingerprint, type TestCard } from "./cards";
import type { Decline } from "./errors";
import type { Work } from "./work";

/**
 * Money movement: card payment methods, payment intents and charges. Invoices and checkout call
 * this; nothing here decides *whether* to charge, only what a charge attempt produces.
 */

function testCardFor(paymentMethod: Stripe.PaymentMethod): TestCard | null {
  const fingerprint = paymentMethod.card?.fingerprint;
  return fingerprint ? testCardByFingerprint(fingerprint) : null;
}

export async function createCardPaymentMethod(
  work: Work,
  card: TestCard,
  owner: { customer: string | null; email: string | null; name: string | null },
): Promise<Stripe.PaymentMethod> {
  const year = new Date(work.time * 1000).getUTCFullYear();
  const pm: Stripe.PaymentMethod = {
    id: work.id("payment_method", 24),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: owner.email,
      name: owner.name,
      phone: null,
      tax_id: null,
    },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
      country: card.country,
      display_brand: card.brand,
      exp_month: 12,
      exp_year: year + 5,
      fingerprint: cardFingerprint(card.number),
      funding: card.funding,
      generated_from: null,
      last4: card.number.slice(-4),
      networks: { available: [card.brand], preferred: null },
      regulated_status: "unregulated",
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: work.time,
    customer: owner.customer,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: "card",
  };
  await work.save(pm);
  if (owner.customer) await work.emit("payment_method.attached", pm);
  return pm;
}

export type ChargeRequest = {
  amount: number;
  currency: string;
  customer: string | null;
  paymentMethod: Stripe.PaymentMethod;
  description: string | null;
  /** The hosted checkout page is on-session; renewals and retries are not. */
  onSession: boolean;
  metadata?: Record<string, string>;
  receiptEmail?: string | null;
  /** Retries of an invoice reuse its payment intent, as Stripe's do. */
  paymentIntent?: Stripe.PaymentIntent;
};

export type ChargeResult =
  | { ok: true; paymentIntent: Stripe.PaymentIntent; charge: Stripe.Charge }
  | { ok: false; paymentIntent: Stripe.PaymentIntent; charge: Stripe.Charge; decline: Decline };

export async function chargeCard(work: Work, req: ChargeRequest): Promise<ChargeResult> {
  const card = testCardFor(req.paymentMethod);
  const decline: Decline | null = card ? chargeDecline(card, req.onSession) : { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." };
  const isNew = !req.paymentIntent;
  let pi: Stripe.PaymentIntent = req.paymentIntent ?? {
    id: work.id("payment_intent", 24),
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount: req.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic",
    client_secret: null,
    confirmation_method: "automatic",
    created: work.time,
    currency: req.currency,
    customer: req.customer,
    customer_account: null,
    description: req.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: req.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: req.paymentMethod.id,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: "automatic" } },
    payment_method_types: ["card"],
    payment_record: null,
    processing: null,
    receipt_email: req.receiptEmail ?? null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "requires_payment_method",
    transfer_data: null,
    transfer_group: null,
  };
  if (isNew) pi.client_secret = `${pi.id}_secret_${pi.id.slice(3, 27)}`;

  const card4 = req.paymentMethod.card!;
  const charge: Stripe.Charge = {
    id: work.id("charge", 24),
    object: "charge",
    amount: req.amount,
    amount_captured: decline ? 0 : req.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: req.paymentMethod.billing_details,
    calculated_statement_descriptor: "CAIRN",
    captured: !decline,
    created: work.time,
    currency: req.currency,
    customer: req.customer,
    description: req.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: decline ? decline.code : null,
    failure_message: decline ? decline.message : null,
    fraud_details: {},
    livemode: false,
    metadata: req.metadata ?? {},
    on_behalf_of: null,
    outcome: decline
      ? { advice_code: null, network_advice_code: null, network_decline_code: null, network_status: "declined_by_network", reason: decline.decline_code ?? decline.code, risk_level: "normal", seller_message: "The bank did not return any further details with this decline.", type: "issuer_declined" }
      : { advice_code: null, network_advice_code: null, network_decline_code: null, network_status: "approved_by_network", reason: null, risk_level: "normal", seller_message: "Payment complete.", type: "authorized" },
    paid: !decline,
    payment_intent: pi.id,
    payment_method: req.paymentMethod.id,
    payment_method_details: {
      card: {
        amount_authorized: decline ? null : req.amount,
        authorization_code: decline ? null : String(100000 + (work.state.seq % 900000)),
        brand: card4.brand,
        checks: card4.checks,
        country: card4.country,
        electronic_commerce_indicator: null,
        exp_month: card4.exp_month,
        exp_year: card4.exp_year,
        fingerprint: card4.fingerprint,
        funding: card4.funding,
        installments: null,
        last4: card4.last4,
        mandate: null,
        network: card4.brand,
        network_transaction_id: null,
        regulated_status: "unregulated",
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
      type: "card",
    },
    receipt_email: req.receiptEmail ?? null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: decline ? "failed" : "succeeded",
    transfer_data: null,
    transfer_group: null,
  };

  pi = {
    ...pi,
    latest_charge: charge.id,
    payment_method: req.paymentMethod.id,
    status: decline ? "requires_payment_method" : "succeeded",
    amount_received: decline ? 0 : req.amount,
    last_payment_error: decline
      ? { type: "card_error", code: decline.code, decline_code: decline.decline_code, message: decline.message, charge: charge.id, payment_method: req.paymentMethod }
      : null,
  };

  await work.save(charge);
  await work.save(pi);
  if (isNew) await work.emit("payment_intent.created", pi);
  if (decline) {
    await work.emit("charge.failed", charge);
    await work.emit("payment_intent.payment_failed", pi);
    return { ok: false, paymentIntent: pi, charge, decline };
  }
  await work.emit("charge.succeeded", charge);
  await work.emit("payment_intent.succeeded", pi);
  return { ok: true, paymentIntent: pi, charge };
}
