"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/actions/action";
import { resendEmail } from "./emails";
import { resendEmailSchema, retryStripeEventSchema } from "./schemas";
import { retryStripeEvent } from "./stripe-events";

/*
 * The operations screens' server actions: each authenticates and authorises itself through the
 * action factory (DESIGN invariant 7); the services check the state and write the audit rows.
 */

/** Admin → run a failed Stripe event again, through the webhook's own processing path. */
export const retryStripeEventAction = adminAction(retryStripeEventSchema, async ({ input, ctx }) => {
  const result = await retryStripeEvent({ eventId: input.eventId, reason: input.reason, actorId: ctx.user.id });
  revalidatePath("/admin/operations/stripe-events");
  revalidatePath("/admin/operations");
  return result;
});

/** Admin → send a copy of an outbox message to its recipient again. */
export const resendEmailAction = adminAction(resendEmailSchema, async ({ input, ctx }) => {
  const result = await resendEmail({ id: input.id, reason: input.reason, actorId: ctx.user.id });
  revalidatePath("/admin/operations/emails");
  revalidatePath(`/admin/operations/emails/${input.id}`);
  return result;
});
