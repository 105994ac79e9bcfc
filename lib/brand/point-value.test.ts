import { describe, expect, it } from "vitest";
import { earnRateLabel, oneUnit, pointValueLabel, pointsWorth } from "./point-value";

describe("point value in words", () => {
  it.each([
    [1, "USD", "100 points = $1.00"],
    [2, "EUR", "100 points = €2.00"],
    [50, "GBP", "100 points = £50.00"],
    [100, "USD", "1 point = $1.00"],
    [0, "USD", null],
  ])("%i cents a point in %s reads %j", (cents, currency, label) => {
    expect(pointValueLabel(cents, currency)).toBe(label);
  });

  it("values a balance in the program currency, or not at all without a cash value", () => {
    // 1,250 points × 1 cent = 1,250 cents
    expect(pointsWorth(1250, 1, "USD")).toBe("$12.50");
    expect(pointsWorth(1250, 2, "EUR")).toBe("€25.00");
    expect(pointsWorth(1250, 0, "USD")).toBeNull();
  });

  it("words the earn rate per whole currency unit", () => {
    expect(oneUnit("USD")).toBe("$1");
    expect(oneUnit("EUR")).toBe("€1");
    expect(earnRateLabel(5, "USD")).toBe("5 points for every $1");
    expect(earnRateLabel(1, "GBP")).toBe("1 point for every £1");
    expect(earnRateLabel(1500, "USD")).toBe("1,500 points for every $1");
    expect(earnRateLabel(0, "USD")).toBeNull();
    expect(earnRateLabel(null, "USD")).toBeNull();
  });
});
