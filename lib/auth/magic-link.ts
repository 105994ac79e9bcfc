import "server-only";
import { createHash } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { db } from "@/db";
import { verificationTokens } from "@/db/schema";
import { getEnv } from "@/lib/env";

/** Magic links live 15 minutes (issue: link lifetime). */
export const MAGIC_LINK_MAX_AGE_SECONDS = 15 * 60;

/**
 * The emailed URL opens a confirmation page, never Auth.js's callback: corporate link scanners
 * fetch every URL in an email, and a GET that signed in would burn the one-time token.
 * The origin is the configured APP_URL, never the request's Host header, so a forged Host
 * cannot make us email a token to someone else's domain.
 */
export function confirmUrl({ callbackUrl, token, email }: { callbackUrl: string; token: string; email: string }): string {
  const url = new URL("/sign-in/confirm", getEnv().APP_URL);
  url.search = new URLSearchParams({ token, email, callbackUrl: safeCallbackPath(callbackUrl) }).toString();
  return url.toString();
}

/** Only same-site paths are allowed after sign-in. */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value) return "/dashboard";
  try {
    const parsed = new URL(value, "http://cairn.invalid");
    const sameSite = parsed.origin === "http://cairn.invalid" || parsed.origin === new URL(getEnv().APP_URL).origin;
    if (!sameSite) return "/dashboard";
    const path = `${parsed.pathname}${parsed.search}`;
    return path.startsWith("/sign-in") || path.startsWith("/api/") ? "/dashboard" : path;
  } catch {
    return "/dashboard";
  }
}

export type MagicLinkState = "valid" | "invalid";

/**
 * Reads (never consumes) the token, the way Auth.js stores it: sha256(token + secret).
 * An unknown, used or expired token all read as "invalid": the page offers a new link.
 */
export async function magicLinkState(email: string, token: string): Promise<MagicLinkState> {
  // A NUL would fail the lookup (Postgres text cannot hold one): such a link is simply not valid.
  if (!/^[0-9a-f]{64}$/.test(token) || email.length > 320 || email.includes("\u0000")) return "invalid";
  const hashed = createHash("sha256").update(`${token}${getEnv().AUTH_SECRET}`).digest("hex");
  const [row] = await db
    .select({ expires: verificationTokens.expires })
    .from(verificationTokens)
    .where(and(eq(verificationTokens.identifier, email.toLowerCase()), eq(verificationTokens.token, hashed), gt(verificationTokens.expires, new Date())));
  return row ? "valid" : "invalid";
}
