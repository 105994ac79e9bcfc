import type Stripe from "stripe";
import { createDatabase, type Database } from "@/db/client";
import { createEmulatedStripe } from "./create-emulated-stripe";
import { createStripeEmulator, type StripeEmulator } from "./emulator";
import type { CheckoutForm } from "./hosted-checkout";
import type { WebhookOptions } from "./webhooks";

/** Shared setup for the emulator's tests: an in-memory PGlite, the emulator, a real SDK client. */

export const WEBHOOK_SECRET = "whsec_test_emulator_secret";
export const APP_URL = "http://localhost:3000";

export type Received = { headers: Record<string, string>; body: string; event: Stripe.Event };

export type Harness = {
  database: Database;
  emulator: StripeEmulator;
  stripe: Stripe;
  /** Every webhook POST the fake endpoint received, in arrival order. */
  received: Received[];
  /** What the fake endpoint answers; replace to simulate failures. */
  respond: { status: (event: Stripe.Event, attempt: number) => number };
  close(): Promise<void>;
};

export async function createHarness(options: { webhook?: Partial<WebhookOptions>; database?: Database; now?: () => number } = {}): Promise<Harness> {
  const database = options.database ?? (await createDatabase({ driver: "pglite", dir: "memory://" }));
  if (!options.database) await database.migrate();
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const respond: Harness["respond"] = { status: () => 200 };
  const emulator = createStripeEmulator({
    db: database.db,
    appUrl: APP_URL,
    now: options.now,
    webhook: {
      url: `${APP_URL}/api/stripe/webhook`,
      secret: WEBHOOK_SECRET,
      retryDelaysMs: [0, 0, 0],
      fetch: async (_url, init) => {
        const event = JSON.parse(init.body) as Stripe.Event;
        received.push({ headers: init.headers, body: init.body, event });
        const n = (attempts.get(event.id) ?? 0) + 1;
        attempts.set(event.id, n);
        const status = respond.status(event, n);
        return { status, text: async () => (status === 200 ? "" : "handler failed") };
      },
      ...options.webhook,
    },
  });
  const stripe = createEmulatedStripe(emulator);
  return {
    database,
    emulator,
    stripe,
    received,
    respond,
    close: async () => {
      await emulator.webhooks.idle();
      emulator.close();
      if (!options.database) await database.close();
    },
  };
}

export async function createPlan(stripe: Stripe, input: { lookupKey: string; amount: number; interval?: "month" | "year"; name?: string }): Promise<Stripe.Price> {
  const product = await stripe.products.create({ name: input.name ?? `Plan ${input.lookupKey}` });
  return stripe.prices.create({
    product: product.id,
    currency: "usd",
    unit_amount: input.amount,
    lookup_key: input.lookupKey,
    ...(input.interval ? { recurring: { interval: input.interval } } : {}),
  });
}

/** Checkout for one recurring price, completed on the hosted page with the given card. */
export async function subscribe(
  h: Harness,
  input: { lookupKey: string; form?: Partial<CheckoutForm>; trialDays?: number; email?: string; discounts?: Stripe.Checkout.SessionCreateParams.Discount[] },
): Promise<{ session: Stripe.Checkout.Session; subscription: Stripe.Subscription; customerId: string }> {
  const prices = await h.stripe.prices.list({ lookup_keys: [input.lookupKey] });
  const session = await h.stripe.checkout.sessions.create({
    mode: "subscription",
    line_items: [{ price: prices.data[0].id, quantity: 1 }],
    customer_email: input.email ?? `member-${Math.random().toString(36).slice(2)}@example.com`,
    client_reference_id: "user_123",
    success_url: `${APP_URL}/membership/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${APP_URL}/pricing`,
    ...(input.trialDays ? { subscription_data: { trial_period_days: input.trialDays } } : {}),
    ...(input.discounts ? { discounts: input.discounts } : {}),
  });
  const result = await h.emulator.completeCheckout(session.id, { cardNumber: "4242 4242 4242 4242", ...input.form });
  if (result.status !== "complete") throw new Error(`checkout declined: ${result.error.message}`);
  const subscription = await h.stripe.subscriptions.retrieve(result.session.subscription as string);
  return { session: result.session, subscription, customerId: subscription.customer as string };
}

/** Event types the fake endpoint received for one object, in order. */
export function typesFor(received: Received[], objectId: string): string[] {
  return received.filter((r) => (r.event.data.object as { id?: string }).id === objectId).map((r) => r.event.type);
}
