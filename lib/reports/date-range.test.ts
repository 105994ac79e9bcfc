import { describe, expect, it } from "vitest";
import { parseDateRange } from "./date-range";

const now = new Date("2026-11-22T15:00:00Z");

describe("parseDateRange", () => {
  it("defaults to the last 12 months when no range is given", () => {
    const result = parseDateRange({}, now);
    expect(result.ok).toBe(true);
    expect(result.range.fromDay).toBe("2025-11-23");
    expect(result.range.toDay).toBe("2026-11-22");
    expect(result.range.toExclusive.toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("takes an inclusive range of whole UTC days", () => {
    const result = parseDateRange(new URLSearchParams("from=2026-01-01&to=2026-01-31"), now);
    expect(result).toMatchObject({ ok: true, range: { fromDay: "2026-01-01", toDay: "2026-01-31" } });
    expect(result.range.from.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(result.range.toExclusive.toISOString()).toBe("2026-02-01T00:00:00.000Z");
  });

  it("refuses reversed, half-open, malformed and overlong ranges with a field error", () => {
    expect(parseDateRange({ from: "2026-02-01", to: "2026-01-01" }, now)).toMatchObject({ ok: false, fieldErrors: { from: ["The start date is after the end date."] } });
    expect(parseDateRange({ from: "2026-02-01" }, now)).toMatchObject({ ok: false, fieldErrors: { to: [expect.stringContaining("end date")] } });
    expect(parseDateRange({ from: "2026-02-30", to: "2026-03-01" }, now)).toMatchObject({ ok: false, fieldErrors: { from: ["Not a real date."] } });
    expect(parseDateRange({ from: "yesterday", to: "2026-03-01" }, now)).toMatchObject({ ok: false, fieldErrors: { from: ["Use the form YYYY-MM-DD."] } });
    expect(parseDateRange({ from: "1990-01-01", to: "2026-03-01" }, now)).toMatchObject({ ok: false, fieldErrors: { to: [expect.stringContaining("at most")] } });
  });
});
