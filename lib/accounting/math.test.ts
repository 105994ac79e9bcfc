import { describe, expect, it } from "vitest";
import { breakageRate, breakageRecognised, monthlyPeriods, netOfBreakage, roundDiv } from "./math";

const utc = (day: string) => new Date(`${day}T00:00:00Z`);

describe("monthlyPeriods", () => {
  it.each([
    ["whole months", "2024-01-01", "2024-04-01", [["2024-01-01", "2024-02-01"], ["2024-02-01", "2024-03-01"], ["2024-03-01", "2024-04-01"]]],
    ["partial ends", "2024-01-15", "2024-03-11", [["2024-01-15", "2024-02-01"], ["2024-02-01", "2024-03-01"], ["2024-03-01", "2024-03-11"]]],
    ["one day", "2024-02-29", "2024-03-01", [["2024-02-29", "2024-03-01"]]],
    ["across a year", "2024-12-31", "2025-01-02", [["2024-12-31", "2025-01-01"], ["2025-01-01", "2025-01-02"]]],
  ])("%s", (_name, from, toExclusive, expected) => {
    const periods = monthlyPeriods({ from: utc(from), toExclusive: utc(toExclusive) });
    expect(periods.map((p) => [p.start, p.endExclusive])).toEqual(expected);
    expect(periods.every((p) => p.month.endsWith("-01") && p.start.startsWith(p.month.slice(0, 7)))).toBe(true);
  });
});

describe("roundDiv", () => {
  it.each([
    [7, 2, 4], // 3.5 → 4
    [-7, 2, -4], // halves away from zero
    [5, 3, 2], // 1.67
    [4, 3, 1], // 1.33
    [-4, 3, -1],
    [0, 5, 0],
    [10, -4, -3], // −2.5 → −3
  ])("%i ÷ %i = %i", (n, d, q) => {
    expect(roundDiv(BigInt(n), BigInt(d))).toBe(BigInt(q));
  });

  it("is exact beyond 2^53", () => {
    // 9,007,199,254,740,993 × 3 ÷ 3 would lose the last digit in floating point
    expect(roundDiv(BigInt("9007199254740993") * BigInt(3), BigInt(3))).toBe(BigInt("9007199254740993"));
  });
});

describe("breakage", () => {
  it("is expired ÷ (expired + redeemed), unknown without closed lots", () => {
    expect(breakageRate({ expired: 1, redeemed: 3 })).toBe(0.25);
    expect(breakageRate({ expired: 0, redeemed: 0 })).toBeNull();
    expect(breakageRate({ expired: 5, redeemed: 0 })).toBe(1);
  });

  it("takes the expected breakage off the liability", () => {
    expect(netOfBreakage(1000, { expired: 1, redeemed: 3 })).toBe(750);
    expect(netOfBreakage(1001, { expired: 1, redeemed: 3 })).toBe(751); // 750.75
    expect(netOfBreakage(-100, { expired: 1, redeemed: 3 })).toBe(-75); // debt beyond the points
    expect(netOfBreakage(1000, { expired: 0, redeemed: 0 })).toBe(1000); // no history: none assumed
    expect(netOfBreakage(1000, { expired: 4, redeemed: 0 })).toBe(0);
  });

  it("is recognised in proportion to redemptions: b ÷ (1 − b) per point redeemed", () => {
    // b = 1/4: each redeemed point releases 1/3 of a point of breakage; 300 points × 2 ¢ × 1/3
    expect(breakageRecognised(300, 2, { expired: 1, redeemed: 3 })).toBe(200);
    expect(breakageRecognised(-30, 2, { expired: 1, redeemed: 3 })).toBe(-20); // more cancelled than redeemed
    expect(breakageRecognised(300, 2, { expired: 0, redeemed: 0 })).toBe(0);
    expect(breakageRecognised(300, 2, { expired: 5, redeemed: 0 })).toBeNull();
    expect(breakageRecognised(0, 2, { expired: 5, redeemed: 0 })).toBe(0);
  });
});
