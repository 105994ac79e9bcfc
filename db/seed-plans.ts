import type { NewPlan } from "./schema";

/**
 * The demo program's plans. Anchors: REI Co-op's one-time lifetime membership (10 % back) and
 * Amazon Prime's monthly/annual plans with a 30-day free trial. Prices are integer cents.
 */
export const DEFAULT_PLANS: NewPlan[] = [
  {
    id: "free",
    name: "Free",
    description: "Join the points program: earn on every purchase and redeem rewards.",
    kind: "free",
    priceCents: 0,
    lookupKey: null,
    sortOrder: 0,
    benefits: { earnMultiplier: 1, percentBack: 0, minTier: null, memberOnlyRewards: false, referralDiscountPercent: 0, bonusPoints: 0 },
  },
  {
    id: "lifetime",
    name: "Lifetime",
    description: "One payment, a member for life. Never renews.",
    kind: "one_time",
    priceCents: 3000,
    lookupKey: "cairn_lifetime",
    sortOrder: 1,
    benefits: { earnMultiplier: 1, percentBack: 10, minTier: "silver", memberOnlyRewards: true, referralDiscountPercent: 20, bonusPoints: 500 },
  },
  {
    id: "plus_monthly",
    name: "Plus monthly",
    description: "Double points on everything, billed monthly. Cancel any time.",
    kind: "recurring",
    interval: "month",
    priceCents: 900,
    trialDays: 30,
    lookupKey: "cairn_plus_monthly",
    sortOrder: 2,
    benefits: { earnMultiplier: 2, percentBack: 0, minTier: "silver", memberOnlyRewards: true, referralDiscountPercent: 20, bonusPoints: 100 },
  },
  {
    id: "plus_annual",
    name: "Plus annual",
    description: "Double points on everything, billed yearly: two months free.",
    kind: "recurring",
    interval: "year",
    priceCents: 9000,
    trialDays: 30,
    lookupKey: "cairn_plus_annual",
    sortOrder: 3,
    benefits: { earnMultiplier: 2, percentBack: 0, minTier: "silver", memberOnlyRewards: true, referralDiscountPercent: 20, bonusPoints: 1200 },
  },
];
