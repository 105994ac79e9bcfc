import { describe, expect, it } from "vitest";
import { addMonths, bucketSums, monthsBetween, monthsTouching, weekOf, weeksTouching, widen } from "./periods";

const span = (from: string, toInclusive: string) => ({ from: new Date(`${from}T00:00:00Z`), toExclusive: new Date(new Date(`${toInclusive}T00:00:00Z`).getTime() + 86_400_000) });

describe("periods", () => {
  it("finds the Monday of a week (ISO), across a year end", () => {
    expect(weekOf("2026-03-04")).toBe("2026-03-02"); // a Wednesday
    expect(weekOf("2026-03-02")).toBe("2026-03-02"); // a Monday
    expect(weekOf("2026-03-08")).toBe("2026-03-02"); // a Sunday
    expect(weekOf("2027-01-01")).toBe("2026-12-28"); // a Friday
  });

  it("lists the whole weeks and months a range touches", () => {
    // Wed 4 Mar → Tue 17 Mar 2026: the weeks of 2, 9 and 16 March
    expect(weeksTouching(span("2026-03-04", "2026-03-17"))).toEqual(["2026-03-02", "2026-03-09", "2026-03-16"]);
    expect(monthsTouching(span("2025-12-31", "2026-02-01"))).toEqual(["2025-12-01", "2026-01-01", "2026-02-01"]);
    expect(widen(span("2026-03-04", "2026-03-17"), "week")).toEqual({ fromDay: "2026-03-02", toDayExclusive: "2026-03-23" });
    expect(widen(span("2025-12-31", "2026-02-01"), "month")).toEqual({ fromDay: "2025-12-01", toDayExclusive: "2026-03-01" });
  });

  it("does month arithmetic", () => {
    expect(addMonths("2026-11-01", 3)).toBe("2027-02-01");
    expect(monthsBetween("2025-11-01", "2026-02-01")).toBe(3);
  });

  it("sums days into buckets, keeping empty ones and dropping days outside", () => {
    const sums = bucketSums(
      [
        { day: "2026-03-02", value: 2 },
        { day: "2026-03-08", value: 3 },
        { day: "2026-03-17", value: 1 },
        { day: "2026-04-01", value: 9 },
      ],
      ["2026-03-02", "2026-03-09", "2026-03-16"],
      "week",
    );
    expect([...sums]).toEqual([
      ["2026-03-02", 5],
      ["2026-03-09", 0],
      ["2026-03-16", 1],
    ]);
  });
});
