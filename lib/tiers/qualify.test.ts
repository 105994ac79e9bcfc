import { describe, expect, it } from "vitest";
import { qualifiedTierFor, windowStart, type TierInfo } from "./qualify";
import { manualFloorSchema, tierSettingsSchema } from "./schemas";

const tier = (id: string, threshold: number, sortOrder: number): TierInfo => ({ id, name: id, threshold, multiplier: 1, benefits: [], sortOrder });
const TIERS = [tier("bronze", 0, 0), tier("silver", 1000, 1), tier("gold", 5000, 2), tier("platinum", 15000, 3)];

describe("qualifiedTierFor", () => {
  it.each([
    [0, "bronze"],
    [999, "bronze"],
    [1000, "silver"],
    [4999, "silver"],
    [5000, "gold"],
    [14999, "gold"],
    [15000, "platinum"],
    [1_000_000, "platinum"],
  ])("%i → %s", (value, expected) => {
    expect(qualifiedTierFor(value, TIERS).id).toBe(expected);
  });

  it("falls back to the lowest tier when even it has a threshold above the value", () => {
    expect(qualifiedTierFor(10, [tier("member", 100, 0), tier("vip", 500, 1)]).id).toBe("member");
  });
});

describe("windowStart", () => {
  it.each([
    ["2026-06-15T12:00:00Z", "2025-06-15T12:00:00Z"],
    ["2024-02-29T00:00:00Z", "2023-02-28T00:00:00Z"],
  ])("12 months before %s is %s", (now, start) => {
    expect(windowStart(new Date(now)).toISOString()).toBe(new Date(start).toISOString());
  });
});

describe("tier settings and the manual floor form", () => {
  it("reads settings with safe fallbacks", () => {
    expect(tierSettingsSchema.parse({})).toEqual({ metric: "points", graceDays: 30 });
    expect(tierSettingsSchema.parse({ metric: "spend", graceDays: 7 })).toEqual({ metric: "spend", graceDays: 7 });
    expect(tierSettingsSchema.parse({ metric: "balance", graceDays: -1 })).toEqual({ metric: "points", graceDays: 30 });
  });

  it("parses a floor, a cleared floor, and refuses a missing reason", () => {
    const customerId = "7f1c1a9e-5a43-4c1e-9f0e-0d8f4f2b7a11";
    expect(manualFloorSchema.parse({ customerId, tierId: "gold", until: "2027-01-31", reason: "Press partner" })).toEqual({
      customerId,
      tierId: "gold",
      until: new Date("2027-01-31"),
      reason: "Press partner",
    });
    expect(manualFloorSchema.parse({ customerId, tierId: "", until: "", reason: "Ended early" })).toMatchObject({ tierId: null, until: null });
    expect(manualFloorSchema.safeParse({ customerId, tierId: "gold", until: "2027-01-31", reason: "" }).success).toBe(false);
    expect(manualFloorSchema.safeParse({ customerId, tierId: "gold", until: "someday", reason: "Why not" }).success).toBe(false);
  });
});
