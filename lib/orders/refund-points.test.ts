import { describe, expect, it } from "vitest";
import { refundPoints } from "./refund-points";

describe("refundPoints", () => {
  it.each([
    // [order points, total, already refunded, already reversed, this refund, expected]
    [500, 10_000, 0, 0, 5000, 250],
    [500, 10_000, 0, 0, 10_000, 500],
    [99, 100, 0, 0, 50, 49], // 49.5 → 49
    [99, 100, 50, 49, 25, 24], // 24.75 → 24
    [99, 100, 75, 73, 25, 26], // the last refund takes the remainder
    [100, 300, 0, 0, 100, 33],
    [100, 300, 100, 33, 100, 33],
    [100, 300, 200, 66, 100, 34],
    [0, 10_000, 0, 0, 5000, 0], // an order that earned nothing
    [7, 10_000, 0, 0, 1, 0],
    [2_000_000_000, 2_000_000_000, 0, 0, 1_999_999_999, 1_999_999_999], // no overflow
  ])("%i points, total %i, refunded %i, reversed %i, refund %i → %i", (orderPoints, totalCents, refundedCents, reversedPoints, amountCents, expected) => {
    expect(refundPoints({ orderPoints, totalCents, refundedCents, reversedPoints, amountCents })).toBe(expected);
  });

  it("reverses the order's points exactly over any sequence of partial refunds", () => {
    const totalCents = 9973;
    const orderPoints = 498;
    let refunded = 0;
    let reversed = 0;
    for (const amount of [1, 17, 999, 3000, 2500, 3456]) {
      reversed += refundPoints({ orderPoints, totalCents, refundedCents: refunded, reversedPoints: reversed, amountCents: amount });
      refunded += amount;
      expect(reversed).toBeLessThanOrEqual(orderPoints);
    }
    expect(refunded).toBe(totalCents);
    expect(reversed).toBe(orderPoints);
  });
});
