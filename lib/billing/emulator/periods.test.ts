import { describe, expect, it } from "vitest";
import { addDuration, addMonths, boundary, nextBoundary } from "./periods";

const t = (iso: string) => Date.parse(iso) / 1000;
const iso = (s: number) => new Date(s * 1000).toISOString();

describe("billing periods", () => {
  it.each([
    ["2026-01-31T12:00:00Z", 1, "2026-02-28T12:00:00.000Z"],
    ["2028-01-31T12:00:00Z", 1, "2028-02-29T12:00:00.000Z"],
    ["2026-01-31T12:00:00Z", 3, "2026-04-30T12:00:00.000Z"],
    ["2026-12-15T00:00:00Z", 1, "2027-01-15T00:00:00.000Z"],
    ["2028-02-29T08:00:00Z", 12, "2029-02-28T08:00:00.000Z"],
  ])("addMonths(%s, %i) = %s", (from, months, expected) => {
    expect(iso(addMonths(t(from), months))).toBe(expected);
  });

  it("counts every boundary from the anchor, so the 31st comes back after February", () => {
    const anchor = t("2026-01-31T12:00:00Z");
    expect([1, 2, 3].map((n) => iso(boundary(anchor, "month", 1, n)))).toEqual(["2026-02-28T12:00:00.000Z", "2026-03-31T12:00:00.000Z", "2026-04-30T12:00:00.000Z"]);
    expect(iso(nextBoundary(anchor, "month", 1, t("2026-02-28T12:00:00Z")))).toBe("2026-03-31T12:00:00.000Z");
    expect(iso(nextBoundary(anchor, "year", 1, anchor))).toBe("2027-01-31T12:00:00.000Z");
    expect(iso(nextBoundary(anchor, "month", 3, t("2031-06-01T00:00:00Z")))).toBe("2031-07-31T12:00:00.000Z");
    expect(iso(nextBoundary(anchor, "week", 2, anchor))).toBe("2026-02-14T12:00:00.000Z");
  });

  it("adds calendar durations", () => {
    const from = t("2026-01-31T00:00:00Z");
    expect(iso(addDuration(from, { months: 1, days: 1 }))).toBe("2026-03-01T00:00:00.000Z");
    expect(addDuration(from, 3600)).toBe(from + 3600);
  });
});
