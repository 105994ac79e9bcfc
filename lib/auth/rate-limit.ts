import "server-only";
import { createHash } from "node:crypto";
import { and, count, eq, gt, sql } from "drizzle-orm";
import { headers } from "next/headers";
import { db } from "@/db";
import { signInAttempts } from "@/db/schema";
import { getEnv } from "@/lib/env";

/** Limits on sign-in emails (issue: 1 per address per 60 s, 5 per 15 min, and per IP). */
export const SIGN_IN_LIMITS = {
  perAddressPerMinute: 1,
  perAddressPer15Minutes: 5,
  perIpPer15Minutes: 20,
} as const;

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function hashIp(ip: string): string {
  return createHash("sha256").update(`${ip}:${getEnv().AUTH_SECRET}`).digest("hex");
}

/** sha256 of a user agent with the auth secret: referral fraud rules compare devices, never read them. */
export function hashUserAgent(userAgent: string | null | undefined): string {
  return createHash("sha256").update(`ua:${userAgent ?? ""}:${getEnv().AUTH_SECRET}`).digest("hex");
}

/** The request's user agent; null outside a request (scripts, tests). */
async function requestUserAgent(): Promise<string | null> {
  try {
    return (await headers()).get("user-agent");
  } catch {
    return null;
  }
}

/**
 * Counts recent attempts and records this one if allowed, under a transaction-scoped advisory
 * lock on the address so two simultaneous requests cannot both pass the count.
 */
export async function takeSignInAttempt(email: string, ip: string, now = new Date(), userAgent?: string | null): Promise<RateLimitDecision> {
  const ipHash = hashIp(ip);
  // Kept with the attempt so a referral from the same device as the referrer's sign-ins is caught.
  const uaHash = hashUserAgent(userAgent === undefined ? await requestUserAgent() : userAgent);
  const minuteAgo = new Date(now.getTime() - 60_000);
  const windowStart = new Date(now.getTime() - 15 * 60_000);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:${email}`}))`);
    // One connection per transaction: the three counts run one after another.
    const [lastMinute] = await tx.select({ n: count() }).from(signInAttempts).where(and(eq(signInAttempts.email, email), gt(signInAttempts.createdAt, minuteAgo)));
    const [lastWindow] = await tx.select({ n: count() }).from(signInAttempts).where(and(eq(signInAttempts.email, email), gt(signInAttempts.createdAt, windowStart)));
    const [fromIp] = await tx.select({ n: count() }).from(signInAttempts).where(and(eq(signInAttempts.ipHash, ipHash), gt(signInAttempts.createdAt, windowStart)));
    if (lastMinute.n >= SIGN_IN_LIMITS.perAddressPerMinute) return { allowed: false, retryAfterSeconds: 60 };
    if (lastWindow.n >= SIGN_IN_LIMITS.perAddressPer15Minutes || fromIp.n >= SIGN_IN_LIMITS.perIpPer15Minutes) {
      return { allowed: false, retryAfterSeconds: 15 * 60 };
    }
    await tx.insert(signInAttempts).values({ email, ipHash, uaHash, createdAt: now });
    return { allowed: true };
  });
}
