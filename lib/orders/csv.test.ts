import { describe, expect, it } from "vitest";
import { CsvError, parseCsv } from "./csv";

describe("parseCsv", () => {
  it("reads plain rows with their line numbers", () => {
    expect(parseCsv("a,b,c\n1,2,3\n4,5,6\n")).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "2", "3"] },
      { line: 3, fields: ["4", "5", "6"] },
    ]);
  });

  it("handles CRLF, a BOM, blank lines and a missing final newline", () => {
    expect(parseCsv("\uFEFFa,b\r\n\r\n1,2\r\n\n3,4")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 3, fields: ["1", "2"] },
      { line: 5, fields: ["3", "4"] },
    ]);
  });

  it("reads quoted fields with commas, quotes and line breaks, and keeps counting lines", () => {
    expect(parseCsv('id,name\n1,"Trail, ""Jacket""\nL"\n2,""\n3,x')).toEqual([
      { line: 1, fields: ["id", "name"] },
      { line: 2, fields: ["1", 'Trail, "Jacket"\nL'] },
      { line: 4, fields: ["2", ""] },
      { line: 5, fields: ["3", "x"] },
    ]);
  });

  it("keeps empty fields", () => {
    expect(parseCsv("a,,c\n,,\n")).toEqual([
      { line: 1, fields: ["a", "", "c"] },
      { line: 2, fields: ["", "", ""] },
    ]);
  });

  it("refuses a file with a NUL byte, naming its line (Postgres cannot store one)", () => {
    expect(() => parseCsv("a,b\n1,2\n3,\u00004\n")).toThrow(/NUL byte/);
    try {
      parseCsv("a,b\n1,2\n3,\u00004\n");
    } catch (error) {
      expect((error as CsvError).line).toBe(3);
    }
  });

  it.each([
    ['a,"b\n1,2', 1],
    ['a,b\n1,x"y"', 2],
  ])("refuses malformed quoting in %j (line %i)", (text, line) => {
    expect(() => parseCsv(text)).toThrow(CsvError);
    try {
      parseCsv(text);
    } catch (error) {
      expect((error as CsvError).line).toBe(line);
    }
  });
});
