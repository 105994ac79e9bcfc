import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, generateCode, normalizeCode, vanityCodeProblem } from "./code-format";

describe("generated codes", () => {
  it("are 8 characters from the unambiguous alphabet", () => {
    for (let i = 0; i < 200; i++) expect(generateCode()).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });
});

describe("normalizeCode", () => {
  it.each([
    ["abcd2345", "ABCD2345"],
    ["  Jane-Doe ", "JANE-DOE"],
    ["ab", null],
    ["a".repeat(21), null],
    ["bad code", null],
    ["<script>", null],
    ["", null],
    [null, null],
  ])("%s → %s", (input, expected) => expect(normalizeCode(input)).toBe(expected));
});

describe("vanityCodeProblem", () => {
  it.each([
    ["JANE", null],
    ["JANE-DOE-2026", null],
    ["ADMIN", "reserved"],
    ["CAIRN", "reserved"],
    ["C4IRN", "reserved"],
    ["FUCK-YOU", "allowed"],
    ["SH1T", "allowed"],
    ["-JANE", "Dashes"],
    ["JA--NE", "Dashes"],
    ["AB", "3 to 20"],
  ])("%s", (code, problem) => {
    const result = vanityCodeProblem(code);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });
});
