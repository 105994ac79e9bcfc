import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/orders/csv";
import { csvField, toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes commas, quotes and line breaks so the file parses back to the same fields", () => {
    const rows = [{ a: 'He said "hi", then left', b: 12 }, { a: "two\nlines", b: -3 }];
    const csv = toCsv([{ header: "text", value: (r: (typeof rows)[number]) => r.a }, { header: "n", value: (r) => r.b }], rows);
    expect(parseCsv(csv).map((record) => record.fields)).toEqual([["text", "n"], ['He said "hi", then left', "12"], ["two\nlines", "-3"]]);
  });

  it("neutralises spreadsheet formulas in text but not negative numbers", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-5 points")).toBe("'-5 points");
    expect(csvField(-5)).toBe("-5");
    expect(csvField(null)).toBe("");
    expect(csvField(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
  });
});
