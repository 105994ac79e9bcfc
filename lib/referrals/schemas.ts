import { z } from "zod";

/** Shared by forms, actions and tests (STYLE 3). Client-safe: no server imports. */

/** The referral link's first-party cookie: holds the click id. */
export const REFERRAL_COOKIE = "cairn_ref";
/** A code typed on the sign-up form, kept until the first sign-in records it. */
export const REFERRAL_CODE_COOKIE = "cairn_ref_code";

/** Codes as typed or linked: letters, digits and dashes; stored and compared upper-case. */
export const referralCodeSchema = z
  .string()
  .trim()
  .min(3, "A code has at least 3 characters.")
  .max(20, "A code has at most 20 characters.")
  .regex(/^[A-Za-z0-9-]+$/, "Use only letters, digits and dashes.")
  .transform((code) => code.toUpperCase());

/** An optional code on a form: an empty field is no code (FormData sends ""), anything else must be one. */
export const optionalReferralCodeSchema = z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), referralCodeSchema.optional());

export const vanityCodeInputSchema = z.object({ code: referralCodeSchema });

/** A code typed on the pricing page by a signed-in member who has no referral yet. */
export const applyReferralCodeSchema = z.object({ code: referralCodeSchema });

export const touchModes = ["first", "last"] as const;

/** What an invited friend gets: a discount on their first paid membership, or bonus points at sign-up. */
export const refereeRewards = ["discount", "points"] as const;

export const referralSettingsSchema = z.object({
  rewardPoints: z.coerce.number().int("Enter whole points.").min(0, "Points can't be negative.").max(1_000_000, "At most 1,000,000 points."),
  refereeReward: z.enum(refereeRewards, { error: "Choose a discount or bonus points." }),
  refereeDiscountPercent: z.coerce.number().int("Enter a whole percent.").min(0, "Between 0 and 100.").max(100, "Between 0 and 100."),
  refereeBonusPoints: z.coerce.number().int("Enter whole points.").min(0, "Points can't be negative.").max(100_000, "At most 100,000 points."),
  windowDays: z.coerce.number().int("Enter whole days.").min(1, "The window is 1 to 365 days.").max(365, "The window is 1 to 365 days."),
  touch: z.enum(touchModes, { error: "Choose first or last touch." }),
  holdDays: z.coerce.number().int("Enter whole days.").min(0, "Between 0 and 365 days.").max(365, "Between 0 and 365 days."),
  weeklyIpLimit: z.coerce.number().int("Enter a whole number.").min(1, "At least 1.").max(10_000, "At most 10,000."),
  burstPerHour: z.coerce.number().int("Enter a whole number.").min(1, "At least 1.").max(10_000, "At most 10,000."),
});

export type ReferralSettings = z.infer<typeof referralSettingsSchema>;

export const DEFAULT_REFERRAL_SETTINGS: ReferralSettings = {
  rewardPoints: 1000,
  refereeReward: "discount",
  refereeDiscountPercent: 20,
  refereeBonusPoints: 500,
  windowDays: 30,
  touch: "last",
  holdDays: 14,
  weeklyIpLimit: 10,
  burstPerHour: 20,
};

const reasonSchema = z.string().trim().min(3, "Say why, in a few words (it goes in the audit log).").max(500, "At most 500 characters.");

export const referralSettingsPatchSchema = z.object({ patch: referralSettingsSchema.partial(), reason: reasonSchema });

export const decideReferralSchema = z.object({
  id: z.uuid("Unknown referral."),
  approve: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
  reason: reasonSchema,
});
