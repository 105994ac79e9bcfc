import "server-only";

/**
 * The offline Stripe emulator: the billing backend when STRIPE_SECRET_KEY is not set.
 * Decision record: docs/decisions/0002-stripe-emulator.md
 */
export { createStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from "./emulator";
export { createEmulatedStripe } from "./create-emulated-stripe";
export type { CheckoutForm, CheckoutResult } from "./hosted-checkout";
export type { CardUpdateResult, PortalView } from "./portal";
export type { AdvanceOptions, AdvanceResult } from "./clock";
export type { Duration } from "./periods";
export type { DeliveryAttempt, WebhookDelivery, WebhookFetch, WebhookOptions } from "./webhooks";
export type { DisputeReason } from "./resources/disputes";
export type { Decline } from "./errors";
export { signPayload } from "./webhooks";
