import { describe, expect, it } from "vitest";
import { differenceOfProportions, ratio } from "./stats";

describe("ratio", () => {
  it("divides, and has no value without a denominator", () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 4)).toBe(0);
    expect(ratio(3, 0)).toBeNull();
  });
});

describe("differenceOfProportions", () => {
  it("gives the Wald 95 % interval, computed by hand", () => {
    // treatment 60/200 = 0.30, control 40/200 = 0.20, difference 0.10
    // se = √(0.3·0.7/200 + 0.2·0.8/200) = √(0.00105 + 0.0008) = √0.00185 = 0.0430116…
    // half-width = 1.959964 · 0.0430116 = 0.0843012…
    const result = differenceOfProportions({ successes: 60, trials: 200 }, { successes: 40, trials: 200 });
    expect(result.enough).toBe(true);
    expect(result.treatment).toBeCloseTo(0.3, 10);
    expect(result.control).toBeCloseTo(0.2, 10);
    expect(result.difference).toBeCloseTo(0.1, 10);
    expect(result.low).toBeCloseTo(0.0156988, 6);
    expect(result.high).toBeCloseTo(0.1843012, 6);
  });

  it("says the samples are too small when a group has fewer than 10 successes or failures", () => {
    // control: 9 repeaters of 100 — too few successes for the normal approximation
    const few = differenceOfProportions({ successes: 50, trials: 100 }, { successes: 9, trials: 100 });
    expect(few).toMatchObject({ enough: false, low: null, high: null });
    expect(few.difference).toBeCloseTo(0.41, 10);
    // treatment: 95 of 100 leaves only 5 failures
    expect(differenceOfProportions({ successes: 95, trials: 100 }, { successes: 50, trials: 100 }).enough).toBe(false);
    // an empty group has no rate at all
    expect(differenceOfProportions({ successes: 0, trials: 0 }, { successes: 20, trials: 40 })).toMatchObject({ treatment: null, difference: null, enough: false });
  });
});
