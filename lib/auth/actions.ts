"use server";

import { redirect } from "next/navigation";
import { ActionError, publicAction } from "@/lib/actions/action";
import { signIn, signOut } from "./auth";
import { clientIp } from "./client-ip";
import { safeCallbackPath } from "./magic-link";
import { takeSignInAttempt } from "./rate-limit";
import { requestSignInSchema } from "./schemas";

/**
 * Emails a sign-in link. The answer is the same whether or not the address has an account
 * (no account enumeration); only the rate limit can refuse, and it refuses known and unknown alike.
 */
export const requestSignInLink = publicAction(requestSignInSchema, async ({ input }) => {
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
  redirect(`/sign-in/check-email?${new URLSearchParams({ email: input.email })}`);
});

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
