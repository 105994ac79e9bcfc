import { z } from "zod";
import type { Plan, PlanBenefits } from "@/db/schema";

/**
 * The admin plan editor's input, shared by the form, the action and the tests (STYLE 3). FormData
 * arrives as strings and is coerced here on purpose; money is typed in dollars and leaves as
 * integer cents (DESIGN invariant 4).
 */

/** Stripe refuses smaller charges in USD. */
export const MIN_PAID_PRICE_CENTS = 50;
export const MAX_PRICE_CENTS = 1_000_000;
export const MAX_TRIAL_DAYS = 730;
export const TIER_CHOICES = ["none", "bronze", "silver", "gold", "platinum"] as const;
export const INTERVAL_CHOICES = ["month", "year"] as const;

export type PlanFieldErrors = Record<string, string[]>;

/** "30", "30.5", "$1,250.00" → cents, by string arithmetic so no float ever rounds a price. */
export function dollarsToCents(text: string): number | null {
  const match = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1].replaceAll(",", "")) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** Cents → "30.00", the value the price field starts with. */
export function centsToDollars(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** A number typed in a form; blank is "missing", not zero. */
function numberField(message: string) {
  return z.preprocess(blankToUndefined, z.coerce.number({ error: message }).refine(Number.isFinite, { error: message }));
}

/** An HTML checkbox sends "on" when ticked and nothing when not; direct callers pass booleans. */
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

const price = z
  .union([z.string(), z.number()], { error: "Enter a price in dollars, like 30.00." })
  .transform((value, ctx) => {
    const cents = dollarsToCents(String(value));
    if (cents === null) {
      ctx.addIssue({ code: "custom", message: "Enter a price in dollars, like 30.00 (at most two decimals)." });
      return z.NEVER;
    }
    return cents;
  })
  .pipe(z.number().int().max(MAX_PRICE_CENTS, { error: "A plan can cost at most $10,000.00." }));

export const planUpdateSchema = z
  .object({
    id: z.string().trim().min(1).max(64).regex(/^[a-z0-9_]+$/, { error: "Unknown plan." }),
    name: z.string({ error: "Give the plan a name." }).trim().min(1, { error: "Give the plan a name." }).max(80, { error: "Keep the name under 80 characters." }),
    description: z.string().trim().max(500, { error: "Keep the description under 500 characters." }).default(""),
    price,
    interval: z.preprocess(blankToUndefined, z.enum(INTERVAL_CHOICES, { error: "Choose monthly or yearly billing." }).optional()),
    trialDays: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "Enter the trial length in whole days (0 for no trial)." })
        .int({ error: "Enter the trial length in whole days." })
        .min(0, { error: "The trial can't be negative." })
        .max(MAX_TRIAL_DAYS, { error: `A trial can last at most ${MAX_TRIAL_DAYS} days.` })
        .optional(),
    ),
    earnMultiplier: numberField("Enter a multiplier between 1 and 10, like 1.5.")
      .pipe(z.number().min(1, { error: "The multiplier is at least 1 (no boost)." }).max(10, { error: "The multiplier is at most 10." }))
      // Two decimals at most: 1.25 is a promise members can check on a receipt; 1.333 is not.
      .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, { error: "Use at most two decimals, like 1.25." }),
    percentBack: numberField("Enter a whole percent between 0 and 100.").pipe(
      z.number().int({ error: "Enter a whole percent." }).min(0, { error: "Enter a whole percent between 0 and 100." }).max(100, { error: "Enter a whole percent between 0 and 100." }),
    ),
    minTier: z.enum(TIER_CHOICES, { error: "Choose a minimum tier, or none." }),
    memberOnlyRewards: checkbox,
    referralDiscountPercent: numberField("Enter a whole percent between 0 and 100.").pipe(
      z.number().int({ error: "Enter a whole percent." }).min(0, { error: "Enter a whole percent between 0 and 100." }).max(100, { error: "Enter a whole percent between 0 and 100." }),
    ),
    bonusPoints: numberField("Enter a whole number of points (0 for none).").pipe(
      z.number().int({ error: "Points are whole numbers." }).min(0, { error: "Bonus points can't be negative." }).max(10_000_000, { error: "That is more points than any plan should grant." }),
    ),
    active: checkbox,
    reason: z
      .string({ error: "Say why you are making this change; it is kept in the audit log." })
      .trim()
      .min(3, { error: "Say why you are making this change; it is kept in the audit log." })
      .max(500, { error: "Keep the reason under 500 characters." }),
  })
  .transform(({ price: priceCents, earnMultiplier, percentBack, minTier, memberOnlyRewards, referralDiscountPercent, bonusPoints, ...rest }) => ({
    ...rest,
    priceCents,
    benefits: {
      earnMultiplier,
      percentBack,
      minTier: minTier === "none" ? null : minTier,
      memberOnlyRewards,
      referralDiscountPercent,
      bonusPoints,
    } satisfies PlanBenefits,
  }));

export type PlanUpdateInput = z.input<typeof planUpdateSchema>;
export type PlanUpdate = z.output<typeof planUpdateSchema>;

/**
 * Rules that depend on the stored plan, which the form cannot be trusted to send: its kind is not
 * editable, the free plan stays free, paid plans meet Stripe's minimum, only recurring plans have
 * an interval and a trial. Keys are the form's field names.
 */
export function planRuleErrors(plan: Pick<Plan, "kind" | "priceCents">, input: PlanUpdate): PlanFieldErrors | null {
  const errors: PlanFieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (plan.kind === "free") {
    if (input.priceCents !== plan.priceCents) add("price", "The free plan's price can't change.");
  } else if (input.priceCents < MIN_PAID_PRICE_CENTS) {
    add("price", "A paid plan costs at least $0.50 (Stripe's minimum charge).");
  }
  if (plan.kind === "recurring") {
    if (!input.interval) add("interval", "Choose monthly or yearly billing.");
    if (input.trialDays === undefined) add("trialDays", "Enter the trial length in whole days (0 for no trial).");
  } else {
    if (input.interval) add("interval", "Only recurring plans have a billing interval.");
    if (input.trialDays) add("trialDays", "Only recurring plans have a free trial.");
  }
  return Object.keys(errors).length ? errors : null;
}

export const planIdSchema = z.object({
  id: z.string().trim().min(1).max(64).regex(/^[a-z0-9_]+$/, { error: "Unknown plan." }),
});

export const syncPlansSchema = z.object({});
