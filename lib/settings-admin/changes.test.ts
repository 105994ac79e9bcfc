import { describe, expect, it } from "vitest";
import { diff, sameValue } from "./changes";

describe("recording only what changed", () => {
  it("compares objects by value, whatever their key order", () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameValue(["x", "y"], ["y", "x"])).toBe(false);
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue(0, null)).toBe(false);
  });

  it("keeps the changed keys with both sides, and ignores keys left undefined", () => {
    const before = { name: "Silver", threshold: 1000, multiplier: "1.25", benefits: ["a"] };
    expect(diff(before, { name: "Silver", threshold: 1200, multiplier: undefined, benefits: ["a", "b"] })).toEqual({
      changed: ["threshold", "benefits"],
      before: { threshold: 1000, benefits: ["a"] },
      after: { threshold: 1200, benefits: ["a", "b"] },
    });
    expect(diff(before, { ...before })).toEqual({ changed: [], before: {}, after: {} });
  });
});
