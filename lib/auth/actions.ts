"use server";

import { redirect } from "next/navigation";
import { ActionError, publicAction } from "@/lib/actions/action";
import { findReferralCode } from "@/lib/referrals/codes";
import { rememberTypedReferralCode } from "@/lib/referrals/sign-in";
import { signIn, signOut } from "./auth";
import { clientIp } from "./client-ip";
import { safeCallbackPath } from "./magic-link";
import { takeSignInAttempt } from "./rate-limit";
import { requestSignInSchema } from "./schemas";

/**
 * Emails a sign-in link. The answer is the same whether or not the address has an account
 * (no account enumeration); only the rate limit can refuse, and it refuses known and unknown alike.
 * A referral code typed on the form is checked first, and an unknown one sends nothing: that check
 * reads the code only, never the address, so it reveals nothing about accounts. A known code is
 * kept in a cookie for the first sign-in (an existing member's sign-in simply ignores it).
 */
export const requestSignInLink = publicAction(requestSignInSchema, async ({ input }) => {
  const referral = input.referralCode ? await findReferralCode(input.referralCode) : null;
  if (input.referralCode && !referral) {
    const message = "We don't know that code. Check it with the friend who gave it to you, or leave it empty.";
    throw new ActionError(message, "invalid_input", { referralCode: [message] });
  }
  const decision = await takeSignInAttempt(input.email, await clientIp());
  if (!decision.allowed) {
    const wait = decision.retryAfterSeconds >= 120 ? `${Math.ceil(decision.retryAfterSeconds / 60)} minutes` : `${decision.retryAfterSeconds} seconds`;
    throw new ActionError(`Too many sign-in emails were requested. Please wait ${wait} and try again, or use the link we already sent.`, "rate_limited");
  }
  const result = await signIn("resend", { email: input.email, redirect: false, redirectTo: safeCallbackPath(input.callbackUrl) });
  if (typeof result === "string" && result.includes("error=")) {
    console.error("[auth] sign-in email was not sent", { result });
    throw new ActionError("We could not send the email just now. Please try again in a minute.");
  }
  if (referral) await rememberTypedReferralCode(referral.code);
  redirect(`/sign-in/check-email?${new URLSearchParams({ email: input.email })}`);
});

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
