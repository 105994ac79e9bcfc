"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/actions/action";
import { updateHoldoutSettings } from "./holdout";
import { refreshAnalyticsFor } from "./refresh";
import { holdoutFormSchema, refreshFormSchema } from "./schemas";

/*
 * The analytics screen's server actions: each authenticates and authorises itself through the
 * action factory (DESIGN invariant 7); the services write the audit rows in the same transaction.
 */

export const updateHoldoutAction = adminAction(holdoutFormSchema, async ({ input, ctx }) => {
  const { reason, ...values } = input;
  const saved = await updateHoldoutSettings(ctx.user.id, values, reason);
  revalidatePath("/admin/analytics");
  return saved;
});

export const refreshAnalyticsAction = adminAction(refreshFormSchema, async ({ ctx }) => {
  const { asOf, durationMs } = await refreshAnalyticsFor(ctx.user.id);
  revalidatePath("/admin/analytics");
  return { asOf: asOf.toISOString(), durationMs };
});
