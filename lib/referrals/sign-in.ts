import "server-only";
import { cookies } from "next/headers";
import { recordReferral } from "./record";
import { requestHashes } from "./request-hashes";
import { REFERRAL_CODE_COOKIE, REFERRAL_COOKIE } from "./schemas";

/** How long a code typed on the sign-up form waits for the first sign-in (the emailed link lives 15 minutes; people come back later). */
export const REFERRAL_CODE_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/**
 * Keeps a code typed on the sign-up form (already checked to exist) for the first sign-in, which
 * may happen in another request or tab: a first-party, HttpOnly cookie like the link's.
 */
export async function rememberTypedReferralCode(code: string): Promise<void> {
  (await cookies()).set(REFERRAL_CODE_COOKIE, code, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production",
    maxAge: REFERRAL_CODE_MAX_AGE_SECONDS,
    path: "/",
  });
}

/**
 * Auth.js events.signIn, first sign-in only: the referral link's cookie (and a code typed on the
 * sign-up form, if the form kept one) attribute the new member. Never throws into the sign-in.
 */
export async function recordReferralAtSignIn(user: { id: string; email: string }): Promise<void> {
  try {
    const jar = await cookies();
    const clickId = jar.get(REFERRAL_COOKIE)?.value ?? null;
    const typedCode = jar.get(REFERRAL_CODE_COOKIE)?.value ?? null;
    if (!clickId && !typedCode) return;
    await recordReferral({ user, clickId, typedCode, ...(await requestHashes()) });
  } catch (error) {
    console.error("[referrals] could not record the referral at sign-in", { user: user.id, error });
  }
}
