import { z } from "zod";

/** The earning rules' ids (rows of `earning_rules`); each is also the reason code of its postings. */
export const EARNING_RULE_IDS = ["purchase", "signup", "birthday", "review", "social_share", "survey", "membership"] as const;
export type EarningRuleId = (typeof EARNING_RULE_IDS)[number];

/** Every rule but purchase awards a fixed number of points per event (purchase points depend on the order). */
export const AWARDABLE_RULE_IDS = ["signup", "birthday", "review", "social_share", "survey", "membership"] as const satisfies EarningRuleId[];
export type AwardableRuleId = (typeof AWARDABLE_RULE_IDS)[number];

export const awardableRuleIdSchema = z.enum(AWARDABLE_RULE_IDS);

/**
 * Bonus campaigns: extra points for actions beyond buying (birthday, reviews, shares). The analytics
 * holdout's control group gets none of them, so the dashboard can measure what they add. Purchase
 * points, the welcome bonus, survey thanks and plan bonuses are part of the program itself and
 * reach everyone.
 */
export const BONUS_CAMPAIGN_RULE_IDS = ["birthday", "review", "social_share"] as const satisfies AwardableRuleId[];

export function isBonusCampaign(ruleId: EarningRuleId): boolean {
  return (BONUS_CAMPAIGN_RULE_IDS as readonly string[]).includes(ruleId);
}

/** A posting's memo: words for the member, one line. */
export const memoSchema = z.string().trim().min(1, "Write a short memo, or leave it out.").max(200, "At most 200 characters.");
