import { describe, expect, it } from "vitest";
import { capWindow } from "./cap-window";

const utc = (iso: string) => new Date(iso);

describe("capWindow", () => {
  it.each([
    ["day", "2026-03-15T13:45:00Z", "2026-03-15T00:00:00Z", "2026-03-16T00:00:00Z"],
    ["day", "2026-03-15T00:00:00Z", "2026-03-15T00:00:00Z", "2026-03-16T00:00:00Z"],
    ["day", "2026-12-31T23:59:59Z", "2026-12-31T00:00:00Z", "2027-01-01T00:00:00Z"],
    ["month", "2026-02-28T23:00:00Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"],
    ["month", "2026-12-05T10:00:00Z", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"],
    ["year", "2028-02-29T12:00:00Z", "2028-01-01T00:00:00Z", "2029-01-01T00:00:00Z"],
  ] as const)("%s around %s is [%s, %s)", (period, at, start, end) => {
    expect(capWindow(period, utc(at))).toEqual({ start: utc(start), end: utc(end) });
  });

  it("has no window for lifetime caps", () => {
    expect(capWindow("lifetime", new Date())).toBeNull();
  });
});
