import { z } from "zod";

/** The rules a member claims with a link; every other rule is awarded by the system. */
export const CLAIM_RULE_IDS = ["review", "social_share"] as const;
export type ClaimRuleId = (typeof CLAIM_RULE_IDS)[number];

export const CLAIM_URL_MAX = 500;

/**
 * The link as stored: trimmed, parsed, without its #fragment (the same page with another anchor is
 * the same claim — the unique (customer, url) index only sees equal strings). Null if not http(s).
 */
export function normalizeClaimUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) return null;
  url.hash = "";
  return url.toString();
}

/** The host for words shown to people: "Review: example.com", never the whole link. */
export function claimHost(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

export const claimUrlSchema = z
  .string({ error: "Paste the link." })
  .trim()
  .min(1, "Paste the link.")
  .max(CLAIM_URL_MAX, `A link of at most ${CLAIM_URL_MAX} characters, please.`)
  .transform((raw, ctx) => {
    const url = normalizeClaimUrl(raw);
    if (!url) {
      ctx.addIssue({ code: "custom", message: "Paste a full link starting with https://" });
      return z.NEVER;
    }
    // Parsing can percent-encode characters and make the link longer than what was typed.
    if (url.length > CLAIM_URL_MAX) {
      ctx.addIssue({ code: "custom", message: `A link of at most ${CLAIM_URL_MAX} characters, please.` });
      return z.NEVER;
    }
    return url;
  });

export const submitClaimSchema = z.object({
  ruleId: z.enum(CLAIM_RULE_IDS, { error: "Choose product review or social share." }),
  url: claimUrlSchema,
});
export type SubmitClaimInput = z.input<typeof submitClaimSchema>;

export const CLAIM_DECISIONS = ["approve", "reject"] as const;
export type ClaimDecision = (typeof CLAIM_DECISIONS)[number];

export const decideClaimSchema = z.object({
  claimId: z.uuid({ error: "That claim does not exist." }),
  decision: z.enum(CLAIM_DECISIONS, { error: "Choose approve or reject." }),
  reason: z.string({ error: "Give a reason." }).trim().min(1, "Give a reason.").max(500, "At most 500 characters."),
});
export type DecideClaimInput = z.input<typeof decideClaimSchema>;

/** A claim's status in words for the member. */
export const CLAIM_STATUS_LABELS = {
  pending: "Waiting for review",
  approved: "Approved",
  rejected: "Not approved",
} as const;

export const CLAIM_RULE_LABELS: Record<ClaimRuleId, string> = {
  review: "Product review",
  social_share: "Social share",
};
