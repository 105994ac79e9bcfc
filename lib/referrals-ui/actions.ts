"use server";

import { revalidatePath } from "next/cache";
import { adminAction, memberAction } from "@/lib/actions/action";
import { applyReferralCode } from "@/lib/referrals/apply-code";
import { setVanityCode } from "@/lib/referrals/codes";
import { requestHashes } from "@/lib/referrals/request-hashes";
import { decideReferral } from "@/lib/referrals/review";
import { updateReferralSettings } from "@/lib/referrals/settings";
import { applyReferralCodeSchema, decideReferralSchema, referralSettingsPatchSchema, referralSettingsSchema, vanityCodeInputSchema } from "@/lib/referrals/schemas";
import { refreshVisitorPages } from "@/lib/site/refresh-visitor-pages";

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

// A friend's code typed on the pricing page: refusals are field errors on `code` and change nothing.
export const applyReferralCodeAction = memberAction(applyReferralCodeSchema, async ({ input, ctx }) => {
  const referral = await applyReferralCode(ctx.user, input.code, await requestHashes());
  revalidatePath("/pricing");
  return { status: referral.status };
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
  refreshVisitorPages(); // the friend's offer on the visitor's static landing and pricing pages
  return patch;
});
