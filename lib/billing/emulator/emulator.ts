import Stripe from "stripe";
import type { Db } from "@/db/client";
import { advanceClock, runDue, type AdvanceOptions, type AdvanceResult } from "./clock";
import { applyPromotionCode, completeCheckout, type CheckoutForm, type CheckoutResult } from "./hosted-checkout";
import type { Duration } from "./periods";
import { getPortal, portalCancelAtPeriodEnd, portalCancelNow, portalResume, portalUpdateCard, type CardUpdateResult, type PortalView } from "./portal";
import { openDispute, settleDispute, type DisputeReason } from "./resources/disputes";
import { randomBase62 } from "./ids";
import { handleRequest, type EmulatorResponse } from "./router";
import { WebhookSender, type DeliveryAttempt, type WebhookDelivery, type WebhookOptions } from "./webhooks";
import { clockNow, readState, runWork, type Core } from "./work";

export type StripeEmulatorOptions = {
  db: Db;
  /** Where the app is served; hosted checkout and portal URLs point here. */
  appUrl: string;
  /** Omit to record events without delivering them. */
  webhook?: WebhookOptions;
  /** Days between failed renewal attempts before the subscription is canceled (default 3, 5, 7). */
  dunningDays?: number[];
  /** Real time in milliseconds (default Date.now); the emulator clock runs at an offset from it. */
  now?: () => number;
};

export type StripeEmulator = {
  /** The API version the emulator speaks (the installed SDK's pinned version). */
  readonly apiVersion: string;
  /** A `fetch` that answers Stripe API requests in-process; give it to `Stripe.createFetchHttpClient`. */
  readonly fetch: typeof fetch;
  /** The same, without HTTP: for tools and tests that want the raw Stripe JSON. */
  request(method: "GET" | "POST" | "DELETE", path: string, params?: string): Promise<EmulatorResponse>;

  /** Hosted checkout page: submit the form. A decline leaves the session open. */
  completeCheckout(sessionId: string, form: CheckoutForm): Promise<CheckoutResult>;
  /** Hosted checkout page: a promotion code typed before paying. */
  applyPromotionCode(sessionId: string, code: string): Promise<Stripe.Checkout.Session>;

  /** Hosted billing portal page. */
  portal: {
    get(portalSessionId: string): Promise<PortalView>;
    cancelAtPeriodEnd(portalSessionId: string, subscriptionId: string): Promise<Stripe.Subscription>;
    resume(portalSessionId: string, subscriptionId: string): Promise<Stripe.Subscription>;
    cancelNow(portalSessionId: string, subscriptionId: string): Promise<Stripe.Subscription>;
    updateCard(portalSessionId: string, cardNumber: string): Promise<CardUpdateResult>;
  };

  /** Emulator time (Unix seconds), for everyone or on one customer's clock. */
  now(customer?: string): Promise<number>;
  /** Moves the test clock and runs what fell due, in order. `{ customer }` moves only that customer. */
  advance(by: Duration, options?: AdvanceOptions): Promise<AdvanceResult>;
  /** Runs what is due at the current time (a cron tick as real time passes). */
  runDue(): Promise<AdvanceResult>;

  testHelpers: {
    /** A cardholder's bank opens a chargeback: `charge.dispute.created`. */
    createDispute(chargeId: string, options?: { reason?: DisputeReason; amount?: number }): Promise<Stripe.Dispute>;
    /** The bank decides: `charge.dispute.closed` (and funds reinstated when won). */
    closeDispute(disputeId: string, outcome: "won" | "lost"): Promise<Stripe.Dispute>;
  };

  /**
   * The signing secret of emulator webhooks when `webhook.secret` is not given: random, generated
   * once per database and kept in it, so embedded mode never trusts a publicly known secret.
   */
  webhookSecret(): Promise<string>;
  /** Delivers held (or not yet retried) webhooks now; resolves with every attempt made. */
  flushWebhooks(): Promise<DeliveryAttempt[]>;
  webhooks: {
    configure(patch: Partial<WebhookOptions>): void;
    /** Resolves when no delivery is running and no retry is waiting. */
    idle(): Promise<void>;
    deliveries(): Promise<WebhookDelivery[]>;
  };
  /** Stops retry timers (pending deliveries stay stored). */
  close(): void;
};

export function createStripeEmulator(options: StripeEmulatorOptions): StripeEmulator {
  const realNowMs = options.now ?? Date.now;
  let secret: Promise<string> | null = null;
  const webhookSecret = () => (secret ??= storedWebhookSecret(core));
  const sender: WebhookSender = new WebhookSender(options.db, options.webhook, webhookSecret);
  const core: Core = {
    db: options.db,
    appUrl: options.appUrl.replace(/\/$/, ""),
    apiVersion: Stripe.API_VERSION,
    realNow: () => Math.floor(realNowMs() / 1000),
    webhooksEnabled: () => sender.enabled,
    dunningDays: options.dunningDays ?? [3, 5, 7],
    afterCommit: () => sender.notify(),
  };

  const request: StripeEmulator["request"] = async (method, path, params = "") => {
    const headers = new Headers({ authorization: "Bearer sk_test_emulator" });
    return handleRequest(core, { method, path, query: method === "POST" ? "" : params, body: method === "POST" ? params : "", headers });
  };

  const emulatorFetch: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    const result = await handleRequest(core, {
      method: req.method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ""),
      body: req.method === "GET" || req.method === "DELETE" ? "" : await req.text(),
      headers: req.headers,
    });
    return new Response(JSON.stringify(result.body), { status: result.status, headers: result.headers });
  };

  // Deliveries left pending by a previous process go out now.
  if (sender.enabled) sender.notify();

  return {
    apiVersion: core.apiVersion,
    fetch: emulatorFetch,
    request,
    completeCheckout: (id, form) => completeCheckout(core, id, form),
    applyPromotionCode: (id, code) => applyPromotionCode(core, id, code),
    portal: {
      get: (id) => getPortal(core, id),
      cancelAtPeriodEnd: (id, sub) => portalCancelAtPeriodEnd(core, id, sub),
      resume: (id, sub) => portalResume(core, id, sub),
      cancelNow: (id, sub) => portalCancelNow(core, id, sub),
      updateCard: (id, card) => portalUpdateCard(core, id, card),
    },
    now: async (customer) => clockNow(await readState(core.db), core.realNow(), customer),
    advance: (by, opts) => advanceClock(core, by, opts),
    runDue: () => runDue(core),
    testHelpers: {
      createDispute: (chargeId, opts = {}) => runWork(core, async (w) => openDispute(w, await w.store.getOrThrow("charge", chargeId, "charge"), opts)),
      closeDispute: (disputeId, outcome) => runWork(core, async (w) => settleDispute(w, await w.store.getOrThrow("dispute", disputeId, "dispute"), outcome)),
    },
    webhookSecret,
    flushWebhooks: () => sender.flush(),
    webhooks: {
      configure: (patch) => sender.configure(patch),
      idle: () => sender.idle(),
      deliveries: () => sender.deliveries(),
    },
    close: () => sender.close(),
  };
}

async function storedWebhookSecret(core: Core): Promise<string> {
  const state = await readState(core.db);
  if (state.webhookSecret) return state.webhookSecret;
  return runWork(core, async (work) => (work.state.webhookSecret ??= `whsec_${randomBase62(32)}`));
}
