import "server-only";
import { eq } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { referralClicks, referralCodes } from "@/db/schema";
import { findReferralCode } from "./codes";
import type { ReferralSettings } from "./schemas";
import { withinWindow, type Touch } from "./window";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Records a click on a referral link (after the redirect was sent: Next's `after()`). */
export async function recordClick(click: { id: string; code: string; ipHash: string; uaHash: string; at?: Date }): Promise<void> {
  await db
    .insert(referralClicks)
    .values({ id: click.id, code: click.code, ipHash: click.ipHash, uaHash: click.uaHash, createdAt: click.at ?? new Date() })
    .onConflictDoNothing();
}

export type LiveClick = { clickId: string; code: string; referrerUserId: string; at: Date };

/**
 * The click a cookie names, if it is real and inside the window. A forged or stale cookie (an id
 * we never issued, or never recorded) attributes nothing.
 */
export async function liveClick(clickId: string | null | undefined, settings: ReferralSettings, now = new Date(), conn: Db | Tx = db): Promise<LiveClick | null> {
  if (!clickId || !UUID.test(clickId)) return null;
  const [row] = await conn
    .select({ clickId: referralClicks.id, code: referralClicks.code, at: referralClicks.createdAt, referrerUserId: referralCodes.userId })
    .from(referralClicks)
    .innerJoin(referralCodes, eq(referralCodes.code, referralClicks.code))
    .where(eq(referralClicks.id, clickId));
  if (!row || !withinWindow(row.at, now, settings.windowDays)) return null;
  return row;
}

/** Turns the cookie and a typed code into touches (each null when it does not resolve). */
export async function touchesFor(input: { clickId?: string | null; typedCode?: string | null }, settings: ReferralSettings, now = new Date(), conn: Db | Tx = db): Promise<{ click: Touch | null; typed: Touch | null }> {
  const click = await liveClick(input.clickId, settings, now, conn);
  const typed = input.typedCode ? await findReferralCode(input.typedCode, conn) : null;
  return {
    click: click ? { kind: "click", clickId: click.clickId, code: click.code } : null,
    typed: typed ? { kind: "code", code: typed.code } : null,
  };
}
