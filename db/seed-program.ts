import type { earningRules, surveys, tiers } from "./schema";

/**
 * The demo program's earning rules and tiers. Anchors: 5 points per $1 with 100 points = $1 (5 %
 * back), as Smile.io and LoyaltyLion advise; four tiers qualified over a rolling 12 months.
 */
export const DEFAULT_EARNING_RULES: (typeof earningRules.$inferInsert)[] = [
  { id: "purchase", name: "Purchases", points: 5, holdDays: 0 },
  { id: "signup", name: "Joining the program", points: 100, capCount: 1, capPeriod: "lifetime" },
  { id: "birthday", name: "Birthday", points: 200, capCount: 1, capPeriod: "year" },
  { id: "review", name: "Product review", points: 50, capCount: 5, capPeriod: "month" },
  { id: "social_share", name: "Social share", points: 25, capCount: 4, capPeriod: "month" },
  { id: "survey", name: "Survey or NPS answered", points: 100 },
  { id: "membership", name: "Paid membership bonus", points: 0 },
];

export const DEFAULT_TIERS: (typeof tiers.$inferInsert)[] = [
  { id: "bronze", name: "Bronze", threshold: 0, multiplier: "1.00", sortOrder: 0, benefits: ["5 points per $1", "Birthday bonus"] },
  { id: "silver", name: "Silver", threshold: 1000, multiplier: "1.25", sortOrder: 1, benefits: ["1.25× points", "Early access to new rewards"] },
  { id: "gold", name: "Gold", threshold: 5000, multiplier: "1.50", sortOrder: 2, benefits: ["1.5× points", "Member events", "Free shipping"] },
  { id: "platinum", name: "Platinum", threshold: 15000, multiplier: "2.00", sortOrder: 3, benefits: ["2× points", "First pick of experiences", "Personal concierge"] },
];

/**
 * Two NPS surveys, switched off: an admin turns them on at /admin/surveys, so a fresh install (or an
 * e2e run of the daily job) emails nobody it didn't mean to. Fixed ids keep the seed idempotent.
 */
export const DEFAULT_SURVEYS: (typeof surveys.$inferInsert)[] = [
  {
    id: "00000000-0000-4000-8000-00000000f001",
    name: "Two weeks in",
    question: "How likely are you to recommend Cairn to a friend or colleague?",
    trigger: "after_joining",
    delayDays: 14,
    active: false,
  },
  {
    id: "00000000-0000-4000-8000-00000000f002",
    name: "After an experience",
    question: "How likely are you to recommend this experience to a friend?",
    trigger: "after_experience",
    delayDays: 1,
    active: false,
  },
];

/** settings rows: key → value */
export const DEFAULT_PROGRAM_SETTINGS = {
  points: { expiryMonths: 12, pointValueCents: 1 },
  tiers: { metric: "points", graceDays: 30 },
};
