"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ActionError, publicAction } from "@/lib/actions/action";
import { getEnv } from "@/lib/env";
import { isStripeEmulatorError } from "./emulator/errors";
import { getEmulator } from "./stripe-client";
import { advanceClockSchema, hostedCheckoutSchema, portalCardSchema, portalSubscriptionSchema } from "./dev-schemas";

/**
 * The actions behind the emulator's stand-ins for Stripe's hosted pages (test mode only). Like
 * Stripe's own pages, the unguessable session id is the capability; nothing here exists when
 * STRIPE_SECRET_KEY is set.
 */
async function emulator() {
  if (!getEnv().embedded.billing) throw new ActionError("Not available: this site uses real Stripe.", "not_found");
  return getEmulator();
}

function asActionError(error: unknown): never {
  if (isStripeEmulatorError(error)) throw new ActionError(error.body.message ?? "Stripe refused the request.", "failed");
  throw error;
}

export const payHostedCheckoutAction = publicAction(hostedCheckoutSchema, async ({ input }) => {
  const result = await (await emulator())
    .completeCheckout(input.sessionId, { cardNumber: input.cardNumber, name: input.name || undefined, promotionCode: input.promotionCode || undefined })
    .catch(asActionError);
  if (result.status === "declined") {
    // One announced alert: the decline is about the card as a whole, not a mistyped field.
    throw new ActionError(`${result.error.message || "Your card was declined."} Try another card.`, "failed");
  }
  redirect(result.redirectUrl ?? "/dashboard");
});

export const portalCancelAction = publicAction(portalSubscriptionSchema, async ({ input }) => {
  await (await emulator()).portal.cancelAtPeriodEnd(input.portalId, input.subscriptionId).catch(asActionError);
  revalidatePath(`/dev/stripe/portal/${input.portalId}`);
  return { done: "Your plan will end at the end of the billing period." };
});

export const portalResumeAction = publicAction(portalSubscriptionSchema, async ({ input }) => {
  await (await emulator()).portal.resume(input.portalId, input.subscriptionId).catch(asActionError);
  revalidatePath(`/dev/stripe/portal/${input.portalId}`);
  return { done: "Your plan will renew as usual." };
});

export const portalUpdateCardAction = publicAction(portalCardSchema, async ({ input }) => {
  const result = await (await emulator()).portal.updateCard(input.portalId, input.cardNumber).catch(asActionError);
  if (result.status === "declined") throw new ActionError(result.error.message || "That card was declined.", "failed", { cardNumber: [result.error.message || "That card was declined."] });
  revalidatePath(`/dev/stripe/portal/${input.portalId}`);
  return { done: `Card ending ${result.paymentMethod.card?.last4 ?? "····"} saved.` };
});

export const advanceClockAction = publicAction(advanceClockSchema, async ({ input }) => {
  if (!input.days && !input.months) throw new ActionError("Choose how far to move the clock.", "invalid_input");
  const stripeEmulator = await emulator();
  const result = await stripeEmulator.advance({ days: input.days, months: input.months }).catch(asActionError);
  // The page shows the outcome, so wait until the app has received what the clock emitted.
  await stripeEmulator.webhooks.idle();
  revalidatePath("/dev/stripe");
  return { events: result.events.length };
});
