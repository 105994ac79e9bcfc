import { NextResponse, type NextRequest } from "next/server";
import { queueClick } from "@/lib/referrals/click-buffer";
import { followReferralLink } from "@/lib/referrals/link";
import { REFERRAL_COOKIE } from "@/lib/referrals/schemas";

/**
 * Referral links `/r/<code>` are answered here, before routing: a shared link is the app's hottest
 * public path (bench:redirect, p99 < 30 ms at 50 connections), and a proxy redirect skips the route
 * machinery a route handler pays for. Public on purpose (anyone may follow a link): it only sets a
 * first-party cookie; the click is written after the response, in batches (lib/referrals/click-buffer.ts).
 */
export async function proxy(request: NextRequest) {
  let code: string;
  try {
    code = decodeURIComponent(request.nextUrl.pathname.slice("/r/".length));
  } catch {
    code = ""; // a malformed escape is just an unknown code: home, no cookie
  }
  const outcome = await followReferralLink({
    code,
    existingClickId: request.cookies.get(REFERRAL_COOKIE)?.value ?? null,
    ip: request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || "unknown",
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
  if (outcome.click) queueClick(outcome.click);
  return response;
}

export const config = { matcher: "/r/:code" };
