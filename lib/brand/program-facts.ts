import "server-only";
import { cache } from "react";
import type { Plan } from "@/db/schema";
import { listPlans } from "@/lib/billing/plans";
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
  /** The plans on sale, in their order (the free one included). */
  plans: Plan[];
};

/**
 * What the public pages promise, read from the settings admins edit (brand, the purchase rule,
 * referral settings, tiers, plans), so the landing and pricing pages never advertise a rate the
 * program stopped paying or a plan it no longer sells.
 */
export const getProgramFacts = cache(async (): Promise<ProgramFacts> => {
  const [brand, purchase, referrals, tiers, plans] = await Promise.all([getBrand(), getEarningRule("purchase"), getReferralSettings(), listTiers(), listPlans()]);
  return {
    brand,
    purchasePoints: purchase?.active && purchase.points > 0 ? purchase.points : null,
    referralOffer: refereeOffer(referrals),
    tierNames: Object.fromEntries(tiers.map((t) => [t.id, t.name])),
    plans,
  };
});
