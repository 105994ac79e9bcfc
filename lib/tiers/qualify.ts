import { subMonths } from "date-fns";

/** Pure tier rules, shared by the services and their unit tests. */

/** Tiers are qualified over a rolling window of this many months. */
export const QUALIFYING_MONTHS = 12;

export type TierInfo = { id: string; name: string; threshold: number; multiplier: number; benefits: string[]; sortOrder: number };

/** The start of the rolling window that ends at `now` (inclusive: exactly 12 months ago still counts). */
export function windowStart(now: Date): Date {
  return subMonths(now, QUALIFYING_MONTHS);
}

/** The highest tier whose threshold the value reaches; the lowest tier when none does. `list` is lowest first. */
export function qualifiedTierFor(value: number, list: TierInfo[]): TierInfo {
  let best = list[0];
  for (const tier of list) if (tier.threshold <= value && tier.sortOrder >= best.sortOrder) best = tier;
  return best;
}
