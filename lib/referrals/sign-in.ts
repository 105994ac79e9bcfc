import "server-only";
import { cookies, headers } from "next/headers";
import { clientIp } from "@/lib/auth/client-ip";
import { hashIp, hashUserAgent } from "@/lib/auth/rate-limit";
import { recordReferral } from "./record";
import { REFERRAL_CODE_COOKIE, REFERRAL_COOKIE } from "./schemas";

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
    const userAgent = (await headers()).get("user-agent");
    await recordReferral({ user, clickId, typedCode, ipHash: hashIp(await clientIp()), uaHash: hashUserAgent(userAgent) });
  } catch (error) {
    console.error("[referrals] could not record the referral at sign-in", { user: user.id, error });
  }
}
