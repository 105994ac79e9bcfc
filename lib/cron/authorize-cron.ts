import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
const LOOPBACK_ADDRESSES = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost)$/;

/** Compares digests, so neither the length nor the first differing byte of the secret leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function hostnameOf(host: string | null): string | null {
  if (!host) return null;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

/**
 * Embedded mode: a call made on this machine (`npm run billing:reconcile`, the dev server's own
 * tick). The URL and Host must name a loopback host, and any proxy's forwarding headers must name
 * a loopback client. Host headers are the client's to choose, so this is a convenience for local
 * use; a deployment sets CRON_SECRET (Vercel Cron sends it as the bearer token).
 */
function isLocalRequest(request: Request): boolean {
  const urlHost = new URL(request.url).hostname;
  const hostHeader = request.headers.get("host");
  if (!LOOPBACK_HOSTS.has(urlHost)) return false;
  if (hostHeader !== null && !LOOPBACK_HOSTS.has(hostnameOf(hostHeader) ?? "")) return false;
  const forwarded = [request.headers.get("x-forwarded-for"), request.headers.get("x-real-ip")]
    .flatMap((value) => (value ? value.split(",") : []))
    .map((value) => value.trim())
    .filter(Boolean);
  if (request.headers.get("forwarded")) return false; // RFC 7239: only proxies add it
  return forwarded.every((address) => LOOPBACK_ADDRESSES.test(address));
}

/**
 * Authorises a call to /api/cron/*. Returns null when allowed, or the 401 response to send:
 * with CRON_SECRET set, `Authorization: Bearer <CRON_SECRET>` is required (compared in constant
 * time); without it, only local calls are accepted.
 */
export function authorizeCron(request: Request): Response | null {
  const secret = getEnv().CRON_SECRET;
  if (secret) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
    if (match && sameSecret(match[1], secret)) return null;
    return Response.json({ error: "Unauthorized: send Authorization: Bearer <CRON_SECRET>." }, { status: 401, headers: { "www-authenticate": "Bearer" } });
  }
  if (isLocalRequest(request)) return null;
  console.warn(`[cron] refused ${new URL(request.url).pathname}: CRON_SECRET is not set, so only local calls are accepted`);
  return Response.json({ error: "Unauthorized: CRON_SECRET is not set, so cron routes accept only local calls." }, { status: 401 });
}
