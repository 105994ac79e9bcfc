import "server-only";
import { hashIp, hashUserAgent } from "@/lib/auth/rate-limit";
import { liveClick } from "./attribution";
import { cached } from "./link-cache";
import { normalizeCode } from "./code-format";
import { findReferralCode } from "./codes";
import { getReferralSettings } from "./settings";
import { DAY_MS } from "./window";

export type LinkOutcome = {
  location: string;
  /** Set the `cairn_ref` cookie to this click id for this long; absent: leave cookies alone. */
  cookie?: { clickId: string; maxAgeSeconds: number };
  /** The click to record after the response is sent. */
  click?: { id: string; code: string; ipHash: string; uaHash: string; at: Date };
};

/**
 * `/r/<code>`: a malformed or unknown code goes home with no cookie. A known code records a click
 * and points the cookie at it — unless first touch is on and the cookie already names a live
 * click, which keeps its credit (the click is still counted in the funnel).
 */
export async function followReferralLink(input: { code: string; existingClickId?: string | null; ip: string; userAgent: string | null; now?: Date }): Promise<LinkOutcome> {
  const now = input.now ?? new Date();
  const code = normalizeCode(input.code);
  if (!code) return { location: "/" };
  const owner = await cached(`code:${code}`, () => findReferralCode(code));
  if (!owner) return { location: "/" };
  const settings = await cached("settings", () => getReferralSettings());
  const click = { id: crypto.randomUUID(), code: owner.code, ipHash: hashIp(input.ip), uaHash: hashUserAgent(input.userAgent), at: now };
  const location = `/pricing?${new URLSearchParams({ ref: owner.code })}`;
  if (settings.touch === "first" && (await liveClick(input.existingClickId, settings, now))) return { location, click };
  return { location, click, cookie: { clickId: click.id, maxAgeSeconds: Math.round((settings.windowDays * DAY_MS) / 1000) } };
}
