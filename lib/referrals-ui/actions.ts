"use server";

import { revalidatePath } from "next/cache";
import { adminAction, memberAction } from "@/lib/actions/action";
import { setVanityCode } from "@/lib/referrals/codes";
import { decideReferral } from "@/lib/referrals/review";
import { updateReferralSettings } from "@/lib/referrals/settings";
import { decideReferralSchema, referralSettingsPatchSchema, referralSettingsSchema, vanityCodeInputSchema } from "@/lib/referrals/schemas";

/*
 * The referral screens' server actions: each one authenticates and authorises itself through the
 * action factory (DESIGN invariant 7) and hands the work to the referral core, which enforces the
 * rules and writes the audit rows.
 */

export const setVanityCodeAction = memberAction(vanityCodeInputSchema, async ({ input, ctx }) => {
  const codes = await setVanityCode(ctx.user.id, input.code);
  revalidatePath("/referrals");
  return { code: codes.shareCode };
});

export const decideReferralAction = adminAction(decideReferralSchema, async ({ input, ctx }) => {
  await decideReferral(input.id, input.approve, ctx.user.id, input.reason);
  revalidatePath("/admin/referrals");
  return { id: input.id, approved: input.approve };
});

// The form sends every setting at once, plus the reason the audit log keeps.
const settingsFormSchema = referralSettingsSchema.extend({ reason: referralSettingsPatchSchema.shape.reason });

export const updateReferralSettingsAction = adminAction(settingsFormSchema, async ({ input, ctx }) => {
  const { reason, ...patch } = input;
  await updateReferralSettings(ctx.user.id, patch, reason);
  revalidatePath("/admin/referrals");
  revalidatePath("/referrals");
  return patch;
});
