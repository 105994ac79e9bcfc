import { z } from "zod";

/** The earning rules' ids (rows of `earning_rules`); each is also the reason code of its postings. */
export const EARNING_RULE_IDS = ["purchase", "signup", "birthday", "review", "social_share", "survey", "membership"] as const;
export type EarningRuleId = (typeof EARNING_RULE_IDS)[number];

/** Every rule but purchase awards a fixed number of points per event (purchase points depend on the order). */
export const AWARDABLE_RULE_IDS = ["signup", "birthday", "review", "social_share", "survey", "membership"] as const satisfies EarningRuleId[];
export type AwardableRuleId = (typeof AWARDABLE_RULE_IDS)[number];

export const awardableRuleIdSchema = z.enum(AWARDABLE_RULE_IDS);

/** A posting's memo: words for the member, one line. */
export const memoSchema = z.string().trim().min(1, "Write a short memo, or leave it out.").max(200, "At most 200 characters.");
