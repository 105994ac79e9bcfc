import { describe, expect, it } from "vitest";
import { purchasePoints } from "./purchase-points";

const rule = { points: 5 };

describe("purchasePoints", () => {
  it.each([
    // [qualifying cents, rule points, tier multiplier, plan, expected]
    [0, 5, 1, null, 0],
    [100, 5, 1, null, 5],
    [99, 5, 1, null, 4], // 0.99 × 5 = 4.95 → 4
    [1999, 5, 1, null, 99], // 99.95 → 99
    [10_000, 5, 1, null, 500],
    [10_000, 5, 1.25, null, 625], // Silver
    [10_000, 5, 1.5, null, 750], // Gold
    [10_000, 5, 2, null, 1000], // Platinum
    [1999, 5, 1.25, null, 124], // 124.9375 → 124
    [10_000, 5, 1, { earnMultiplier: 2, percentBack: 0 }, 1000],
    [10_000, 5, 1, { earnMultiplier: 1, percentBack: 10 }, 1500], // 500 + 10 % of 10,000 cents
    [10_000, 5, 1.5, { earnMultiplier: 1.1, percentBack: 5 }, 1325], // 825 + 500
    [333, 5, 1, { earnMultiplier: 1, percentBack: 10 }, 49], // 16.65 → 16, + 33.3 → 33
    [1, 5, 2, { earnMultiplier: 10, percentBack: 100 }, 2], // 0.01 × 5 × 20 = 1, + 1
    [2_000_000_000, 5, 2, { earnMultiplier: 10, percentBack: 100 }, 4_000_000_000], // no precision loss at the int4 limit
    [10_000, 0, 2, { earnMultiplier: 1, percentBack: 3 }, 300], // a zero rate still gives percent back
    [1000, 7, 1.01, { earnMultiplier: 1.01, percentBack: 0 }, 71], // 70 × 1.0201 = 71.407
  ] as const)("%i cents × %i points, tier %d, plan %o → %i", (qualifyingCents, points, tierMultiplier, plan, expected) => {
    expect(purchasePoints({ qualifyingCents, rule: { points }, tierMultiplier, plan })).toBe(expected);
  });

  it("does not drift on multipliers that binary floats cannot represent", () => {
    // 0.29 × 100 = 28.999999999999996 in floats; the hundredths are rounded, not truncated
    expect(purchasePoints({ qualifyingCents: 10_000, rule: { points: 1 }, tierMultiplier: 1, plan: { earnMultiplier: 1.15, percentBack: 0.29 } })).toBe(115 + 29);
  });

  it.each([
    ["negative cents", { qualifyingCents: -1 }],
    ["fractional cents", { qualifyingCents: 10.5 }],
    ["a negative tier multiplier", { tierMultiplier: -1 }],
    ["a NaN plan multiplier", { plan: { earnMultiplier: Number.NaN, percentBack: 0 } }],
  ])("refuses %s", (_name, override) => {
    expect(() => purchasePoints({ qualifyingCents: 100, rule, tierMultiplier: 1, plan: null, ...override })).toThrow(RangeError);
  });
});
