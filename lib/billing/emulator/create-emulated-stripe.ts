import Stripe from "stripe";
import type { StripeEmulator } from "./emulator";

/**
 * A real `Stripe` client whose HTTP goes to the in-process emulator instead of api.stripe.com.
 * Everything above the transport is the SDK's own: parameter encoding, response parsing, error
 * classes (StripeCardError, StripeInvalidRequestError), auto-pagination, webhook helpers.
 */
export function createEmulatedStripe(emulator: StripeEmulator): Stripe {
  return new Stripe("sk_test_emulator", {
    apiVersion: Stripe.API_VERSION,
    httpClient: Stripe.createFetchHttpClient(emulator.fetch),
    // In-process calls do not fail in transit; a retry would only replay an emulator bug.
    maxNetworkRetries: 0,
    telemetry: false,
  });
}
