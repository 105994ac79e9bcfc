import { formatPoints } from "@/lib/format";
import type { ReferralSettings } from "./schemas";

/**
 * What an invited friend gets, in one shape for every place that describes it (the pricing banner,
 * the member's referral page and share texts, the admin page). Pure and client-safe.
 */
export type RefereeOffer = { kind: "discount"; percent: number } | { kind: "points"; points: number } | { kind: "none" };

/** The program's current offer; a zero discount or zero points is no offer at all. */
export function refereeOffer(settings: Pick<ReferralSettings, "refereeReward" | "refereeDiscountPercent" | "refereeBonusPoints">): RefereeOffer {
  if (settings.refereeReward === "points") return settings.refereeBonusPoints > 0 ? { kind: "points", points: settings.refereeBonusPoints } : { kind: "none" };
  return settings.refereeDiscountPercent > 0 ? { kind: "discount", percent: settings.refereeDiscountPercent } : { kind: "none" };
}

/** The offer told to the friend, e.g. "20 % off your first membership"; null when there is none. */
export function offerForYou(offer: RefereeOffer): string | null {
  if (offer.kind === "discount") return `${offer.percent} % off your first membership`;
  if (offer.kind === "points") return `${formatPoints(offer.points)} when you sign up`;
  return null;
}

/** The offer told to the referrer ("your friend gets …"), e.g. "20 % off their first membership". */
export function offerForFriend(offer: RefereeOffer): string | null {
  if (offer.kind === "discount") return `${offer.percent} % off their first membership`;
  if (offer.kind === "points") return `${formatPoints(offer.points)} when they sign up`;
  return null;
}

/** The text shared with a referral link. */
export function shareMessage(offer: RefereeOffer, url: string, programName = "Cairn"): string {
  const you = offerForYou(offer);
  return you ? `Join me on ${programName} and get ${you}: ${url}` : `Join me on ${programName}: ${url}`;
}
