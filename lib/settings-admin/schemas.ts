import { z } from "zod";
import { dollarsToCents } from "@/lib/billing/plan-schemas";
import { checkBrandColour, formatRatio, normaliseHex, TEXT_CONTRAST } from "@/lib/brand/colour";
import { isHttpsUrl, isSupportedCurrency, LOGO_TOO_LARGE, MAX_LOGO_BYTES, MAX_PROGRAM_NAME } from "@/lib/brand/schemas";
import { EARNING_RULE_IDS, type EarningRuleId } from "@/lib/earning/schemas";

/**
 * The program settings forms (earning rules, tiers, points policy, brand), shared by the forms,
 * the actions and the tests (STYLE 3). Client-safe. FormData arrives as strings and is coerced
 * here on purpose: blank means "not set", never zero. Rules that need the stored rows (tier order,
 * which fields a rule has) live in lib/settings-admin/* and come back with the same field keys.
 */

// ── field helpers ────────────────────────────────────────────────────────────

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
/** An HTML checkbox sends "on" when ticked and nothing when not; direct callers pass booleans. */
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

function wholeNumberOf(message: string, min: number, max: number, rangeMessage: string) {
  return z.coerce
    .number({ error: message })
    .refine(Number.isFinite, { error: message })
    .pipe(z.number().int({ error: message }).min(min, { error: rangeMessage }).max(max, { error: rangeMessage }));
}

/** A whole number typed in a form; blank is "missing", not zero. */
function wholeNumber(message: string, min: number, max: number, rangeMessage: string) {
  return z.preprocess(blankToUndefined, wholeNumberOf(message, min, max, rangeMessage));
}

/** The same, where blank means "not set". */
function optionalWholeNumber(message: string, min: number, max: number, rangeMessage: string) {
  return z.preprocess(blankToUndefined, wholeNumberOf(message, min, max, rangeMessage).optional());
}

const REASON_MESSAGE = "Say why you are making this change; it is kept in the audit log.";
export const reasonSchema = z.string({ error: REASON_MESSAGE }).trim().min(3, { error: REASON_MESSAGE }).max(500, { error: "Keep the reason under 500 characters." });

// ── earning rules ────────────────────────────────────────────────────────────

export const CAP_PERIODS = ["day", "month", "year", "lifetime"] as const;
export const CAP_PERIOD_LABELS: Record<(typeof CAP_PERIODS)[number], string> = {
  day: "per day",
  month: "per calendar month",
  year: "per calendar year",
  lifetime: "ever",
};

export const MAX_RULE_POINTS = 1_000_000;
/** Points per currency unit on purchases: 5 is the usual "5 points per $1"; 1,000 is already absurd. */
export const MAX_PURCHASE_POINTS = 1_000;
export const MAX_CAP_COUNT = 1_000;
export const MAX_HOLD_DAYS = 365;

/**
 * What each rule's settings mean where the points are posted, so the form only offers what takes
 * effect: purchases are uncapped and earn per currency unit (lib/orders/ingest-order.ts); only
 * claimed reviews and shares wait for approval (lib/earning/claims.ts); the membership bonus is the
 * plan's bonusPoints, posted at payment, so only its switch applies (lib/billing/membership-points.ts).
 */
export const RULE_FIELDS: Record<EarningRuleId, { points: boolean; cap: boolean; hold: boolean; approval: boolean }> = {
  purchase: { points: true, cap: false, hold: true, approval: false },
  signup: { points: true, cap: true, hold: true, approval: false },
  birthday: { points: true, cap: true, hold: true, approval: false },
  review: { points: true, cap: true, hold: true, approval: true },
  social_share: { points: true, cap: true, hold: true, approval: true },
  survey: { points: true, cap: true, hold: true, approval: false },
  membership: { points: false, cap: false, hold: false, approval: false },
};

export const earningRuleFormSchema = z
  .object({
    id: z.enum(EARNING_RULE_IDS, { error: "Unknown earning rule." }),
    name: z.string({ error: "Give the rule a name." }).trim().min(1, { error: "Give the rule a name." }).max(80, { error: "Keep the name under 80 characters." }),
    active: checkbox,
    /** Blank for the membership rule, whose points come from the plan. */
    points: optionalWholeNumber("Enter a whole number of points.", 0, MAX_RULE_POINTS, `Points are between 0 and ${MAX_RULE_POINTS.toLocaleString("en-US")}.`),
    capCount: optionalWholeNumber(
      "Enter a whole number, or leave it empty for no cap.",
      1,
      MAX_CAP_COUNT,
      `A cap is between 1 and ${MAX_CAP_COUNT.toLocaleString("en-US")} (leave it empty for no cap).`,
    ),
    capPeriod: z.preprocess((v) => (v === "none" ? undefined : blankToUndefined(v)), z.enum(CAP_PERIODS, { error: "Choose a period for the cap." }).optional()),
    holdDays: optionalWholeNumber("Enter whole days (0 for none).", 0, MAX_HOLD_DAYS, `Hold points for 0 to ${MAX_HOLD_DAYS} days.`),
    requiresApproval: checkbox,
    reason: reasonSchema,
  })
  .superRefine((input, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", message, path: [path] });
    const fields = RULE_FIELDS[input.id];
    if (fields.points) {
      if (input.points === undefined) issue("points", "Enter a whole number of points (0 awards nothing).");
      else if (input.id === "purchase" && input.points > MAX_PURCHASE_POINTS) issue("points", `At most ${MAX_PURCHASE_POINTS.toLocaleString("en-US")} points per currency unit.`);
    }
    if (fields.cap) {
      // A count means nothing without its period, and a period nothing without its count.
      if (input.capCount !== undefined && input.capPeriod === undefined) issue("capPeriod", "Choose the period the cap counts over.");
      if (input.capCount === undefined && input.capPeriod !== undefined) issue("capCount", "Enter how many times a member can earn in that period, or choose no cap.");
    } else if (input.capCount !== undefined || input.capPeriod !== undefined) {
      issue("capCount", input.id === "purchase" ? "Purchases can't be capped: every qualifying order earns." : "This rule has no cap.");
    }
    if (fields.hold && input.holdDays === undefined) issue("holdDays", "Enter whole days (0 for none).");
    if (!fields.hold && input.holdDays) issue("holdDays", "This rule's points are never held.");
    if (!fields.approval && input.requiresApproval) issue("requiresApproval", "Only claimed reviews and shares can wait for approval.");
  })
  .transform((input) => {
    const fields = RULE_FIELDS[input.id];
    return {
      id: input.id,
      reason: input.reason,
      values: {
        name: input.name,
        active: input.active,
        points: fields.points ? input.points! : undefined,
        capCount: fields.cap ? (input.capCount ?? null) : null,
        capPeriod: fields.cap ? (input.capPeriod ?? null) : null,
        holdDays: fields.hold ? input.holdDays! : 0,
        requiresApproval: fields.approval ? input.requiresApproval : false,
      },
    };
  });

export type EarningRuleFormInput = z.input<typeof earningRuleFormSchema>;
export type EarningRuleUpdate = z.output<typeof earningRuleFormSchema>;

// ── tiers ────────────────────────────────────────────────────────────────────

export const TIER_METRICS = ["points", "spend"] as const;
export const MAX_TIER_POINTS = 100_000_000;
export const MAX_TIER_SPEND_CENTS = 100_000_000;
export const MAX_TIER_BENEFITS = 8;
export const MAX_GRACE_DAYS = 365;

/** "Free shipping\n\n 1.5× points " → ["Free shipping", "1.5× points"] */
export function benefitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

const MULTIPLIER_MESSAGE = "Enter a multiplier between 1 and 10, like 1.25.";

const tierRowSchema = z.object({
  name: z.string({ error: "Give the tier a name." }).trim().min(1, { error: "Give the tier a name." }).max(40, { error: "Keep the name under 40 characters." }),
  /** Points, or an amount of spend when the basis is spend: converted once the basis is known. */
  threshold: z.union([z.string(), z.number()], { error: "Enter a threshold." }),
  multiplier: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: MULTIPLIER_MESSAGE })
      .refine(Number.isFinite, { error: MULTIPLIER_MESSAGE })
      .pipe(z.number().min(1, { error: "The multiplier is at least 1 (no boost)." }).max(10, { error: "The multiplier is at most 10." }))
      // Two decimals: the column is numeric(4,2), and 1.25 is a promise members can check.
      .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, { error: "Use at most two decimals, like 1.25." }),
  ),
  benefits: z
    .union([z.string(), z.array(z.string())])
    .default("")
    .transform((v) => (Array.isArray(v) ? v.map((line) => line.trim()).filter(Boolean) : benefitLines(v)))
    .pipe(
      z
        .array(z.string().max(80, { error: "Keep each benefit under 80 characters." }))
        .max(MAX_TIER_BENEFITS, { error: `List at most ${MAX_TIER_BENEFITS} benefits, one per line.` }),
    ),
});

/** Form fields are named "tiers.<id>.<field>"; turn them into { tiers: { <id>: { <field> } } }. */
function nestTierFields(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  const tiers: Record<string, Record<string, unknown>> = {};
  for (const [key, v] of Object.entries(value)) {
    const match = /^tiers\.([a-z0-9_]{1,40})\.(name|threshold|multiplier|benefits)$/.exec(key);
    if (match) (tiers[match[1]] ??= {})[match[2]] = v;
    else out[key] = v;
  }
  if (Object.keys(tiers).length) out.tiers = { ...((out.tiers as Record<string, unknown>) ?? {}), ...tiers };
  return out;
}

/** A threshold as typed, in the basis's unit: whole points, or an amount of spend → cents. */
export function parseThreshold(value: string | number, metric: (typeof TIER_METRICS)[number]): { value: number } | { error: string } {
  const text = String(value).trim();
  if (metric === "spend") {
    const cents = text === "" ? null : dollarsToCents(text);
    if (cents === null) return { error: "Enter an amount, like 500.00 (at most two decimals)." };
    return cents > MAX_TIER_SPEND_CENTS ? { error: "At most 1,000,000.00." } : { value: cents };
  }
  const points = /^\d{1,3}(,\d{3})+$|^\d+$/.test(text) ? Number(text.replaceAll(",", "")) : null;
  if (points === null) return { error: "Enter a whole number of points (no negatives)." };
  return points > MAX_TIER_POINTS ? { error: "At most 100,000,000 points." } : { value: points };
}

export type TierValues = { name: string; threshold: number; multiplier: string; benefits: string[] };

export const tiersFormSchema = z.preprocess(
  nestTierFields,
  z
    .object({
      metric: z.enum(TIER_METRICS, { error: "Choose points earned or spend." }),
      graceDays: wholeNumber("Enter whole days (0 for none).", 0, MAX_GRACE_DAYS, `Between 0 and ${MAX_GRACE_DAYS} days.`),
      tiers: z.record(z.string().regex(/^[a-z0-9_]{1,40}$/), tierRowSchema, { error: "Send every tier." }),
      reason: reasonSchema,
    })
    .transform(({ metric, graceDays, reason, ...input }, ctx) => {
      const tiers: Record<string, TierValues> = {};
      for (const [id, row] of Object.entries(input.tiers)) {
        const threshold = parseThreshold(row.threshold, metric);
        if ("error" in threshold) ctx.addIssue({ code: "custom", path: ["tiers", id, "threshold"], message: threshold.error });
        tiers[id] = { name: row.name, threshold: "value" in threshold ? threshold.value : 0, multiplier: row.multiplier.toFixed(2), benefits: row.benefits };
      }
      return { metric, graceDays, tiers, reason };
    }),
);

export type TiersFormInput = z.input<typeof tiersFormSchema>;
export type TiersUpdate = z.output<typeof tiersFormSchema>;

// ── points policy: expiry and value ──────────────────────────────────────────

export const MAX_EXPIRY_MONTHS = 120;
export const MAX_POINT_VALUE_CENTS = 100;

/** "Never" makes the months field moot: whatever it still holds is ignored, not validated. */
function dropMonthsWhenNever(value: unknown): unknown {
  if (!value || typeof value !== "object" || (value as { expires?: unknown }).expires !== "never") return value;
  const { expiryMonths: _ignored, ...rest } = value as Record<string, unknown>;
  return rest;
}

export const pointsPolicyFormSchema = z.preprocess(
  dropMonthsWhenNever,
  z
    .object({
      expires: z.enum(["never", "months"], { error: "Choose whether points expire." }),
      expiryMonths: optionalWholeNumber("Enter whole months.", 1, MAX_EXPIRY_MONTHS, `Points expire after 1 to ${MAX_EXPIRY_MONTHS} months.`),
      pointValueCents: wholeNumber(
        "Enter the value of one point in whole cents (0 for no cash value).",
        0,
        MAX_POINT_VALUE_CENTS,
        `One point is worth 0 to ${MAX_POINT_VALUE_CENTS} cents.`,
      ),
      reason: reasonSchema,
    })
    .superRefine((input, ctx) => {
      if (input.expires === "months" && input.expiryMonths === undefined)
        ctx.addIssue({ code: "custom", path: ["expiryMonths"], message: "Enter after how many months points expire." });
    })
    .transform((input) => ({
      policy: { expiryMonths: input.expires === "never" ? null : input.expiryMonths!, pointValueCents: input.pointValueCents },
      reason: input.reason,
    })),
);

export type PointsPolicyFormInput = z.input<typeof pointsPolicyFormSchema>;
export type PointsPolicyUpdate = z.output<typeof pointsPolicyFormSchema>;

// ── brand ────────────────────────────────────────────────────────────────────

/** Why a colour is refused, with a darker shade that passes, so the admin can act on it. */
export function colourProblem(value: string): string | null {
  const hex = normaliseHex(value);
  if (!hex) return "Enter a colour as a hex code, like #186355.";
  const check = checkBrandColour(hex);
  if (check.ok) return null;
  if (check.ratio < TEXT_CONTRAST) {
    return `White button text on ${hex} has a contrast of ${formatRatio(check.ratio)}; buttons need at least 4.5:1 (WCAG AA). Try ${check.suggestion}, a darker shade that passes.`;
  }
  return `${hex} is too light for ${check.failing.join(" and ")} to stay readable (WCAG AA 4.5:1). Try ${check.suggestion}, a darker shade that passes.`;
}

/** An empty file input still sends a nameless, empty File: that is "no upload". */
const logoFile = z.preprocess(
  (value) => (value instanceof Blob && value.size === 0 ? undefined : blankToUndefined(value)),
  z
    .instanceof(Blob, { error: "Upload a PNG, JPEG or WebP image." })
    .refine((file) => file.size <= MAX_LOGO_BYTES, { error: LOGO_TOO_LARGE })
    .optional(),
);

export const brandFormSchema = z
  .object({
    programName: z
      .string({ error: "Give the program a name." })
      .trim()
      .min(1, { error: "Give the program a name." })
      .max(MAX_PROGRAM_NAME, { error: `Keep the name under ${MAX_PROGRAM_NAME} characters.` }),
    supportEmail: z.preprocess(blankToUndefined, z.email({ error: "Enter an email address, like help@example.com, or leave it empty." }).max(200).optional()),
    currency: z
      .string({ error: "Enter a three-letter currency code, like USD." })
      .trim()
      .toUpperCase()
      .refine((code) => /^[A-Z]{3}$/.test(code), { error: "Enter a three-letter currency code, like USD or EUR." })
      .refine(isSupportedCurrency, { error: "Choose a currency with cents (two decimals), like USD, EUR or GBP: amounts are kept in hundredths." }),
    primaryColor: z
      .string({ error: "Enter a colour as a hex code, like #186355." })
      .superRefine((value, ctx) => {
        const problem = colourProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .transform((value) => normaliseHex(value)!),
    logo: logoFile,
    logoUrl: z.preprocess(
      blankToUndefined,
      z.string().trim().max(2000, { error: "That link is too long." }).refine(isHttpsUrl, { error: "Enter an https:// address of an image, or upload a file instead." }).optional(),
    ),
    removeLogo: checkbox,
    reason: reasonSchema,
  })
  .superRefine((input, ctx) => {
    if (input.logo && input.logoUrl) ctx.addIssue({ code: "custom", path: ["logoUrl"], message: "Upload a file or give a link, not both." });
  });

export type BrandFormInput = z.input<typeof brandFormSchema>;
export type BrandUpdate = z.output<typeof brandFormSchema>;
