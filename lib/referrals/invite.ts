import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { pointPostings, referrals, users, type Referral } from "@/db/schema";
import { normalizeCode } from "./code-format";
import { findReferralCode } from "./codes";
import { refereeOffer, type RefereeOffer } from "./offer";
import { hasPaidHistory } from "./record";
import { getReferralSettings } from "./settings";
import { welcomeKey } from "./welcome";

/**
 * What the pricing page says about an invitation. `visitor`: someone not signed in came through a
 * link (the offer applies once they join); `member`: a signed-in member's own referral stands (a
 * discount is applied at Checkout, welcome points are in their balance); `held`: their welcome
 * points wait for a review.
 */
export type Invite = { code: string; referrerName: string | null; offer: RefereeOffer; state: "visitor" | "member" | "held" };

const firstNameOf = (name: string | null | undefined) => name?.trim().split(/\s+/)[0] || null;

/** A member's referral (any status) with the referrer's first name; null when nobody referred them. */
export async function memberReferral(userId: string): Promise<{ referral: Referral; referrerName: string | null } | null> {
  const [row] = await db.select({ referral: referrals, name: users.name }).from(referrals).innerJoin(users, eq(users.id, referrals.referrerUserId)).where(eq(referrals.refereeUserId, userId));
  return row ? { referral: row.referral, referrerName: firstNameOf(row.name) } : null;
}

/** The invitation a code stands for, unless it is unknown or the visitor's own. */
export async function inviteForCode(ref: string, visitorId?: string | null): Promise<Invite | null> {
  const owner = await findReferralCode(ref);
  if (!owner || owner.userId === visitorId) return null;
  const [[referrer], settings] = await Promise.all([db.select({ name: users.name }).from(users).where(eq(users.id, owner.userId)), getReferralSettings()]);
  return referrer ? { code: owner.code, referrerName: firstNameOf(referrer.name), offer: refereeOffer(settings), state: "visitor" } : null;
}

/**
 * A signed-in member's own invitation, while it can still give them something: their referral is
 * pending or held for review and has not been used by a paid membership yet. In points mode it
 * reads what was actually posted, so a settings change afterwards never promises points not given.
 */
async function inviteForMember(userId: string): Promise<Invite | null> {
  const mine = await memberReferral(userId);
  if (!mine) return null;
  const { referral, referrerName } = mine;
  if ((referral.status !== "pending" && referral.status !== "flagged") || referral.qualifyingReference) return null;
  const settings = await getReferralSettings();
  const base = { code: referral.code, referrerName };
  if (settings.refereeReward === "discount") return { ...base, offer: refereeOffer(settings), state: "member" };
  const [welcome] = await db.select({ points: pointPostings.points }).from(pointPostings).where(eq(pointPostings.key, welcomeKey(referral.id)));
  if (welcome) return { ...base, offer: { kind: "points", points: welcome.points }, state: "member" };
  if (referral.status === "flagged") return { ...base, offer: refereeOffer(settings), state: "held" };
  return { ...base, offer: { kind: "none" }, state: "member" };
}

export type PricingReferral = {
  invite: Invite | null;
  /** Offer the "Have a referral code?" form (a signed-in member with no referral and no paid history), prefilled with this. */
  codeForm: { prefill: string } | null;
};

/**
 * The pricing page's referral state. A visitor sees the invitation of the link they followed
 * (`?ref`); a member sees their own recorded referral — the one Checkout will honour — or, with
 * none yet, the form to type a code (prefilled from `?ref` or the code kept at sign-up).
 */
export async function pricingReferral(input: { userId: string | null; ref?: string | null; keptCode?: string | null; hasLiveMembership: boolean }): Promise<PricingReferral> {
  if (input.hasLiveMembership) return { invite: null, codeForm: null };
  if (!input.userId) return { invite: input.ref ? await inviteForCode(input.ref) : null, codeForm: null };
  if (await memberReferral(input.userId)) return { invite: await inviteForMember(input.userId), codeForm: null };
  if (await hasPaidHistory(input.userId)) return { invite: null, codeForm: null };
  const candidate = normalizeCode(input.ref) ?? normalizeCode(input.keptCode);
  const prefill = candidate ? ((await inviteForCode(candidate, input.userId))?.code ?? "") : "";
  return { invite: null, codeForm: { prefill } };
}
