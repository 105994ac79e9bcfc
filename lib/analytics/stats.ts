/**
 * The arithmetic behind the dashboard's rates, pure so the page, the CSV and the tests agree.
 * Rates are fractions (0.25, not 25); null means "nothing to divide by", never zero.
 */

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export type Proportion = { successes: number; trials: number };

export type ProportionDifference = {
  /** The two rates, and treatment minus control. */
  treatment: number | null;
  control: number | null;
  difference: number | null;
  /** The 95% interval of the difference; null when the samples are too small for it. */
  low: number | null;
  high: number | null;
  /** Whether each group has at least MIN_EXPECTED successes and failures (normal approximation). */
  enough: boolean;
};

/**
 * The normal approximation is only trusted with at least this many successes and failures in each
 * group (a common textbook rule: n·p ≥ 10 and n·(1 − p) ≥ 10).
 */
export const MIN_EXPECTED = 10;
/** Two-sided 95%. */
export const Z_95 = 1.959964;

/**
 * Treatment rate minus control rate with a Wald interval for a difference of two independent
 * proportions: d ± z·√(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂).
 */
export function differenceOfProportions(treatment: Proportion, control: Proportion, z = Z_95): ProportionDifference {
  const pt = ratio(treatment.successes, treatment.trials);
  const pc = ratio(control.successes, control.trials);
  const difference = pt !== null && pc !== null ? pt - pc : null;
  const large = (g: Proportion) => g.successes >= MIN_EXPECTED && g.trials - g.successes >= MIN_EXPECTED;
  const enough = large(treatment) && large(control);
  if (!enough || pt === null || pc === null || difference === null) return { treatment: pt, control: pc, difference, low: null, high: null, enough };
  const se = Math.sqrt((pt * (1 - pt)) / treatment.trials + (pc * (1 - pc)) / control.trials);
  return { treatment: pt, control: pc, difference, low: difference - z * se, high: difference + z * se, enough };
}
