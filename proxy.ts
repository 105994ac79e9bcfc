import { NextResponse, type NextRequest } from "next/server";
import { queueClick } from "@/lib/referrals/click-buffer";
import { landFromReferralLink } from "@/lib/referrals/link";
import { REFERRAL_COOKIE } from "@/lib/referrals/schemas";

/**
 * The landing of a referral link. `/r/<code>` itself is a next.config redirect to
 * `/pricing?ref=<code>` that no code of ours runs for (decision 0016); the visit is recorded here,
 * on the landing: a click, written after the response in batches (lib/referrals/click-buffer.ts),
 * and the first-party `cairn_ref` cookie. Public on purpose: anyone may follow a link.
 *
 * Only a document navigation is a visit. The matcher leaves out RSC requests and prefetches (Next
 * strips its Flight headers before this function runs, so only the matcher sees them); this
 * function leaves out all but GET — a server action on /pricing posts to the page's URL, ?ref and all.
 */
export async function proxy(request: NextRequest) {
  const response = NextResponse.next();
  if (request.method !== "GET") return response;
  try {
    const landing = await landFromReferralLink({
      code: request.nextUrl.searchParams.get("ref"),
      existingClickId: request.cookies.get(REFERRAL_COOKIE)?.value ?? null,
      ip: request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || "unknown",
      userAgent: request.headers.get("user-agent"),
    });
    if (landing.cookie) {
      response.cookies.set(REFERRAL_COOKIE, landing.cookie.clickId, {
        httpOnly: true,
        sameSite: "lax",
        secure: process.env.NODE_ENV === "production",
        maxAge: landing.cookie.maxAgeSeconds,
        path: "/",
      });
    }
    if (landing.click) queueClick(landing.click);
  } catch (error) {
    // The page matters more than the count: it renders (and shows the invitation) without them.
    console.error("[referrals] could not record a landing", error);
  }
  return response;
}

export const config = {
  matcher: [
    {
      source: "/pricing",
      has: [{ type: "query", key: "ref" }],
      missing: [
        { type: "header", key: "rsc" },
        { type: "header", key: "purpose", value: "prefetch" },
        { type: "header", key: "sec-purpose", value: "prefetch.*" },
      ],
    },
  ],
};
