import "server-only";
import { createHmac } from "node:crypto";
import Stripe from "stripe";
import { connectDb } from "@/db";
import { getEnv } from "@/lib/env";
import { createEmulatedStripe, createStripeEmulator, type StripeEmulator } from "./emulator";

/**
 * One Stripe client per process, API version pinned to the SDK's (STYLE 7). Without
 * STRIPE_SECRET_KEY the same SDK talks to the in-process emulator (docs/decisions/0002), so the
 * billing code never knows which it talks to.
 */
const globalForStripe = globalThis as unknown as { cairnStripe?: Promise<Stripe>; cairnStripeEmulator?: Promise<StripeEmulator> };

export function getStripe(): Promise<Stripe> {
  globalForStripe.cairnStripe ??= (async () => {
    const env = getEnv();
    if (env.STRIPE_SECRET_KEY) {
      return new Stripe(env.STRIPE_SECRET_KEY, { apiVersion: Stripe.API_VERSION, maxNetworkRetries: 2, appInfo: { name: "Cairn" } });
    }
    return createEmulatedStripe(await getEmulator());
  })();
  return globalForStripe.cairnStripe;
}

/** The embedded emulator; only for the dev pages that stand in for Stripe's hosted pages, and tests. */
export function getEmulator(): Promise<StripeEmulator> {
  if (!getEnv().embedded.billing) return Promise.reject(new Error("The Stripe emulator runs only when STRIPE_SECRET_KEY is not set."));
  globalForStripe.cairnStripeEmulator ??= (async () => {
    const env = getEnv();
    return createStripeEmulator({
      db: await connectDb(),
      appUrl: env.APP_URL,
      webhook: { url: `${env.APP_URL}/api/stripe/webhook`, secret: webhookSecret() },
    });
  })();
  return globalForStripe.cairnStripeEmulator;
}

/** Tests swap in an emulator wired to the route handler directly. */
export function installStripeForTests(stripe: Stripe, emulator?: StripeEmulator): void {
  globalForStripe.cairnStripe = Promise.resolve(stripe);
  globalForStripe.cairnStripeEmulator = emulator ? Promise.resolve(emulator) : undefined;
}

/** STRIPE_WEBHOOK_SECRET, or for the emulator a secret derived from AUTH_SECRET (stable across restarts). */
export function webhookSecret(): string {
  const env = getEnv();
  if (env.STRIPE_WEBHOOK_SECRET) return env.STRIPE_WEBHOOK_SECRET;
  return `whsec_${createHmac("sha256", env.AUTH_SECRET).update("cairn-stripe-emulator").digest("hex").slice(0, 40)}`;
}
