import "server-only";
import { cache } from "react";
import { getEarningRule } from "@/lib/earning/rules";
import { refereeOffer, type RefereeOffer } from "@/lib/referrals/offer";
import { getReferralSettings } from "@/lib/referrals/settings";
import { listTiers } from "@/lib/tiers/tiers";
import { getBrand } from "./brand";
import type { Brand } from "./schemas";

export type ProgramFacts = {
  brand: Brand;
  /** Points per currency unit on purchases; null when the purchase rule is off or missing. */
  purchasePoints: number | null;
  /** What a referred friend gets: a discount on their first membership, welcome points, or nothing. */
  referralOffer: RefereeOffer;
  /** Tier names by id (bronze, silver, …), as the admin named them. */
  tierNames: Record<string, string>;
};

/**
 * What the public pages promise, read from the settings admins edit (brand, the purchase rule,
 * referral settings, tiers), so the landing page never advertises a rate the program stopped paying.
 */
export const getProgramFacts = cache(async (): Promise<ProgramFacts> => {
  const [brand, purchase, referrals, tiers] = await Promise.all([getBrand(), getEarningRule("purchase"), getReferralSettings(), listTiers()]);
  return {
    brand,
    purchasePoints: purchase?.active && purchase.points > 0 ? purchase.points : null,
    referralOffer: refereeOffer(referrals),
    tierNames: Object.fromEntries(tiers.map((t) => [t.id, t.name])),
  };
});
