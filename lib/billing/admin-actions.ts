"use server";

import { revalidatePath } from "next/cache";
import { ActionError, adminAction } from "@/lib/actions/action";
import { refreshVisitorPages } from "@/lib/site/refresh-visitor-pages";
import { PlanEditError, syncOnePlan, syncPaidPlans, updatePlan } from "./admin-plans";
import { planIdSchema, planUpdateSchema, syncPlansSchema } from "./plan-schemas";

/** The plan services' refusals become the factory's expected errors (shown as they are). */
async function refusalsAsActionErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PlanEditError) throw new ActionError(error.message, error.code, error.fieldErrors);
    throw error;
  }
}

/** Admin → edit a plan. The row and its audit entry commit together; Stripe is synced after. */
export const updatePlanAction = adminAction(planUpdateSchema, async ({ input, ctx }) => {
  const result = await refusalsAsActionErrors(() => updatePlan(ctx.user.id, input));
  revalidatePath("/admin/plans", "layout");
  refreshVisitorPages(); // the visitor's static landing and pricing pages show the plans
  return result;
});

/** Admin → "Sync all plans to Stripe": per plan unchanged / created / failed. */
export const syncPlansAction = adminAction(syncPlansSchema, async ({ ctx }) => {
  const outcomes = await syncPaidPlans(ctx.user.id, "Sync all plans to Stripe from the admin");
  revalidatePath("/admin/plans", "layout");
  return outcomes;
});

/** Admin → "Sync to Stripe" on one plan's page (the retry after a failed sync). */
export const syncPlanAction = adminAction(planIdSchema, async ({ input, ctx }) => {
  const outcome = await refusalsAsActionErrors(() => syncOnePlan(ctx.user.id, input.id));
  revalidatePath("/admin/plans", "layout");
  return outcome;
});
