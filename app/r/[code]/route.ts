import { after, NextResponse, type NextRequest } from "next/server";
import { clientIp } from "@/lib/auth/client-ip";
import { queueClick } from "@/lib/referrals/click-buffer";
import { followReferralLink } from "@/lib/referrals/link";
import { REFERRAL_COOKIE } from "@/lib/referrals/schemas";

/**
 * A referral link. Public on purpose (anyone may follow a link): it only sets a first-party cookie
 * and records the click after the redirect is sent (batched: lib/referrals/click-buffer.ts).
 */
export async function GET(request: NextRequest, { params }: RouteContext<"/r/[code]">) {
  const { code } = await params;
  const outcome = await followReferralLink({
    code,
    existingClickId: request.cookies.get(REFERRAL_COOKIE)?.value ?? null,
    ip: await clientIp(),
    userAgent: request.headers.get("user-agent"),
  });
  const response = NextResponse.redirect(new URL(outcome.location, request.url), 303);
  if (outcome.cookie) {
    response.cookies.set(REFERRAL_COOKIE, outcome.cookie.clickId, {
      httpOnly: true,
      sameSite: "lax",
      secure: process.env.NODE_ENV === "production",
      maxAge: outcome.cookie.maxAgeSeconds,
      path: "/",
    });
  }
  const click = outcome.click;
  if (click) after(() => queueClick(click));
  return response;
}
