"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/actions/action";
import { refreshVisitorPages } from "@/lib/site/refresh-visitor-pages";
import { updateBrand } from "./brand";
import { updateEarningRule } from "./earning-rules";
import { updatePointsPolicy } from "./points-policy";
import { brandFormSchema, earningRuleFormSchema, pointsPolicyFormSchema, tiersFormSchema } from "./schemas";
import { updateTiers } from "./tiers";

/*
 * The program settings screens' server actions (/admin/settings/…): each authenticates and
 * authorises itself through the action factory (DESIGN invariant 7), and each service writes its
 * change and the audit row in one transaction. Every change needs a reason.
 */

export const updateEarningRuleAction = adminAction(earningRuleFormSchema, async ({ input, ctx }) => {
  const result = await updateEarningRule(ctx.user.id, input);
  revalidatePath("/admin/settings", "layout");
  refreshVisitorPages(); // the visitor's static landing and pricing pages state the purchase rate
  return { id: result.rule.id, changed: result.changed };
});

export const updateTiersAction = adminAction(tiersFormSchema, async ({ input, ctx }) => {
  const result = await updateTiers(ctx.user.id, input);
  revalidatePath("/admin/settings", "layout");
  refreshVisitorPages(); // tier names on the visitor's static landing page and catalog
  return result;
});

export const updatePointsPolicyAction = adminAction(pointsPolicyFormSchema, async ({ input, ctx }) => {
  const result = await updatePointsPolicy(ctx.user.id, input);
  revalidatePath("/admin/settings", "layout");
  // The point value is in the root layout's footer: static pages (the visitor's copies, the 404) show it too.
  revalidatePath("/", "layout");
  return result;
});

export const updateBrandAction = adminAction(brandFormSchema, async ({ input, ctx }) => {
  const result = await updateBrand(ctx.user.id, input);
  // The brand is in the root layout (header, footer, <title>, colours): every page shows it, the
  // static ones too (the 404, and the visitor's copies, which refreshVisitorPages names on purpose).
  revalidatePath("/", "layout");
  refreshVisitorPages();
  return { changed: result.changed };
});
