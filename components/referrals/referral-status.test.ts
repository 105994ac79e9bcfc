import { describe, expect, it } from "vitest";
import { describeReferral, firstName, rate } from "./referral-status";

const dec12 = new Date("2026-12-12T10:00:00Z");

describe("describeReferral", () => {
  it.each([
    [{ name: "Alex Morgan", status: "qualified", rewardAvailableAt: dec12 }, "Alex joined — reward available on Dec 12, 2026", "brand"],
    [{ name: "Alex", status: "pending", rewardAvailableAt: null }, "Waiting for Alex's first paid membership", "neutral"],
    [{ name: null, status: "pending", rewardAvailableAt: null }, "Waiting for your friend's first paid membership", "neutral"],
    [{ name: "Alex", status: "void", rewardAvailableAt: dec12 }, "Reward cancelled — the payment was refunded", "danger"],
    [{ name: "Alex", status: "flagged", rewardAvailableAt: null }, "Held for review", "warning"],
    [{ name: "Alex", status: "rewarded", rewardAvailableAt: dec12 }, "Alex joined — reward added to your points", "success"],
    [{ name: "  ", status: "qualified", rewardAvailableAt: null }, "Your friend joined — reward on its way", "brand"],
  ] as const)("%o → %s", (row, text, tone) => {
    expect(describeReferral(row)).toEqual({ text, tone });
  });
});

describe("firstName and rate", () => {
  it("keeps the first word only", () => {
    expect(firstName(" Alex  Morgan ")).toBe("Alex");
    expect(firstName(null)).toBeNull();
  });
  it("rounds to a whole percent and refuses to divide by zero", () => {
    expect(rate(1, 3)).toBe("33 %");
    expect(rate(0, 0)).toBe("—");
  });
});
