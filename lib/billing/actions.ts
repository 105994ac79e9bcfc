"use server";

import { redirect } from "next/navigation";
import { memberAction } from "@/lib/actions/action";
import { openBillingPortal, startCheckout } from "./checkout";
import { checkoutSchema, emptySchema } from "./schemas";

/** Buy → Stripe Checkout. The form names a plan; the server chooses its price. */
export const startCheckoutAction = memberAction(checkoutSchema, async ({ input, ctx }) => {
  const { url } = await startCheckout(ctx.user, input.planId);
  redirect(url);
});

/** Manage billing → Stripe Billing Portal. */
export const openBillingPortalAction = memberAction(emptySchema, async ({ ctx }) => {
  const { url } = await openBillingPortal(ctx.user);
  redirect(url);
});
