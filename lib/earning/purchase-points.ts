import type { EarningRule, PlanBenefits } from "@/db/schema";

export type PurchasePointsInput = {
  /** The part of the order that earns points, in cents (DESIGN invariant 4). */
  qualifyingCents: number;
  /** The purchase rule: `points` per currency unit (5 → 5 points per $1). */
  rule: Pick<EarningRule, "points">;
  /** The customer's tier multiplier (1 for Bronze, 1.25, …); two decimals at most. */
  tierMultiplier: number;
  /** The member's live paid plan benefits; null for a free member or a customer without an account. */
  plan: Pick<PlanBenefits, "earnMultiplier" | "percentBack"> | null;
};

const NO_PLAN = { earnMultiplier: 1, percentBack: 0 };

/** A multiplier or percent as a whole number of hundredths, so no float ever rounds the result. */
function hundredths(value: number, label: string): bigint {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${label} must be a non-negative number, got ${value}`);
  return BigInt(Math.round(value * 100));
}

/**
 * Points for a purchase: floor(qualifying units × rule points × tier multiplier × plan multiplier)
 * plus the plan's "% back" (100 points = $1, so percent back of the cents is that many points).
 * Integer arithmetic on hundredths: 1999 cents × 5 × 1.25 never becomes 124.99999.
 */
export function purchasePoints({ qualifyingCents, rule, tierMultiplier, plan }: PurchasePointsInput): number {
  if (!Number.isSafeInteger(qualifyingCents) || qualifyingCents < 0) throw new RangeError(`qualifyingCents must be a non-negative whole number, got ${qualifyingCents}`);
  if (!Number.isSafeInteger(rule.points) || rule.points < 0) throw new RangeError(`rule points must be a non-negative whole number, got ${rule.points}`);
  const benefits = plan ?? NO_PLAN;
  const cents = BigInt(qualifyingCents);
  // cents/100 × points × tier/100 × plan/100 → one division by 100³ at the end (floor for non-negatives)
  const base = (cents * BigInt(rule.points) * hundredths(tierMultiplier, "tierMultiplier") * hundredths(benefits.earnMultiplier, "earnMultiplier")) / 1_000_000n;
  // cents × percent/100, percent in hundredths → / 100²
  const back = (cents * hundredths(benefits.percentBack, "percentBack")) / 10_000n;
  return Number(base + back);
}
