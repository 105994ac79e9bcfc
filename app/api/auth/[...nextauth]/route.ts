import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";

export const GET = handlers.GET;

/**
 * Sign-in emails are requested only through the sign-in form's action, which applies the rate
 * limits; Auth.js's own POST /signin/resend endpoint would bypass them, so it is closed.
 */
export async function POST(request: NextRequest) {
  if (new URL(request.url).pathname.startsWith("/api/auth/signin")) {
    return Response.json({ error: "Request a sign-in link from /sign-in." }, { status: 404 });
  }
  return handlers.POST(request);
}
