import "server-only";
import { hashIp, hashUserAgent } from "@/lib/auth/rate-limit";
import { liveClick } from "./attribution";
import { cached } from "./link-cache";
import { normalizeCode } from "./code-format";
import { findReferralCode } from "./codes";
import { getReferralSettings } from "./settings";
import { DAY_MS } from "./window";

export type Landing = {
  /** Set the `cairn_ref` cookie to this click id for this long; absent: leave cookies alone. */
  cookie?: { clickId: string; maxAgeSeconds: number };
  /** The click to record after the response is sent. */
  click?: { id: string; code: string; ipHash: string; uaHash: string; at: Date };
};

/**
 * A visitor lands on `/pricing?ref=<code>`, where the shared link `/r/<code>` redirects
 * (lib/referrals/link-redirects.ts). A malformed or unknown code: nothing (the page shows no
 * invitation). A known code records a click and points the cookie at it, except:
 * - a reload — the cookie already names a live click on this code: no second click, cookie kept;
 * - first touch, and the cookie names a live click on another code: the click is counted in the
 *   funnel, the cookie keeps its credit.
 * Codes and settings come from a short cache, so a first visit touches no database.
 */
export async function landFromReferralLink(input: { code: string | null; existingClickId?: string | null; ip: string; userAgent: string | null; now?: Date }): Promise<Landing> {
  const now = input.now ?? new Date();
  const code = normalizeCode(input.code);
  if (!code) return {};
  const owner = await cached(`code:${code}`, () => findReferralCode(code));
  if (!owner) return {};
  const settings = await cached("settings", () => getReferralSettings());
  const current = await liveClick(input.existingClickId, settings, now);
  if (current?.code === owner.code) return {};
  const click = { id: crypto.randomUUID(), code: owner.code, ipHash: hashIp(input.ip), uaHash: hashUserAgent(input.userAgent), at: now };
  if (settings.touch === "first" && current) return { click };
  return { click, cookie: { clickId: click.id, maxAgeSeconds: Math.round((settings.windowDays * DAY_MS) / 1000) } };
}
