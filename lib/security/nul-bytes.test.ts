import { describe, expect, it } from "vitest";
import { findNulByte } from "./nul-bytes";

describe("findNulByte", () => {
  it.each([
    ["a\u0000b", "form"],
    [{ note: "ok", reason: "bad\u0000" }, "reason"],
    [{ lines: [{ sku: "A" }, { sku: "\u0000" }] }, "lines.1.sku"],
    [{ "ke\u0000y": "value" }, "form"],
    [[1, "x", "\u0000"], "2"],
  ])("names where the NUL is in %j", (value, path) => {
    expect(findNulByte(value)).toBe(path);
  });

  it.each([["plain"], [{ a: "b", c: [1, 2, { d: "e" }] }], [null], [42], [new Blob(["\u0000"])], ["\uD800 lone surrogate"]])("finds none in %j", (value) => {
    expect(findNulByte(value)).toBeNull();
  });
});
