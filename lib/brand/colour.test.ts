import { describe, expect, it } from "vitest";
import { brandCssVariables, brandPalette, checkBrandColour, contrastRatio, DEFAULT_BRAND_COLOUR, formatRatio, normaliseHex } from "./colour";

describe("brand colour", () => {
  it.each([
    ["#186355", "#186355"],
    ["186355", "#186355"],
    ["#1A6", "#11aa66"],
    [" #ABCDEF ", "#abcdef"],
    ["#12345", null],
    ["green", null],
    ["#ggg", null],
    ["", null],
  ])("normalises %j to %j", (input, expected) => {
    expect(normaliseHex(input)).toBe(expected);
  });

  it.each([
    // Reference values from the WCAG definition: black on white is 21:1, a colour on itself 1:1.
    ["#000000", "#ffffff", 21],
    ["#ffffff", "#ffffff", 1],
    // #767676 is the classic lightest grey that passes 4.5:1 on white (4.54:1).
    ["#767676", "#ffffff", 4.54],
    // #777777 is the classic first grey that fails (4.48:1).
    ["#777777", "#ffffff", 4.48],
  ])("contrast of %s on %s is %f:1", (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 2);
    expect(contrastRatio(b, a)).toBeCloseTo(ratio, 2);
  });

  it("accepts the default colour and dark colours", () => {
    for (const colour of [DEFAULT_BRAND_COLOUR, "#1d4ed8", "#7c2d12", "#000000", "#5b21b6"]) {
      expect(checkBrandColour(colour)).toMatchObject({ ok: true });
    }
  });

  it.each([
    // Too light for white text at all.
    ["#4bb39a"],
    ["#facc15"],
    ["#ffffff"],
    // Passes white text (4.54:1), but the same colour as a link on the pale brand tint does not.
    ["#767676"],
  ])("refuses %s and suggests a darker shade that passes", (colour) => {
    const check = checkBrandColour(colour);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.failing.length).toBeGreaterThan(0);
    expect(checkBrandColour(check.suggestion)).toMatchObject({ ok: true });
    expect(contrastRatio("#ffffff", check.suggestion)).toBeGreaterThanOrEqual(4.5);
    // Darker: less light than what was asked for.
    expect(contrastRatio("#ffffff", check.suggestion)).toBeGreaterThan(check.ratio);
  });

  it("derives eleven shades with the chosen colour as 700, lighter above it and darker below", () => {
    const palette = brandPalette("#1d4ed8");
    expect(palette[700]).toBe("#1d4ed8");
    const shades = [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950] as const;
    const whiteContrast = shades.map((s) => contrastRatio("#ffffff", palette[s]));
    for (let i = 1; i < whiteContrast.length; i++) expect(whiteContrast[i]).toBeGreaterThan(whiteContrast[i - 1]);
  });

  it("sets no variables for the default colour (the hand-tuned palette stays) and all eleven for another", () => {
    expect(brandCssVariables(DEFAULT_BRAND_COLOUR)).toEqual({});
    const vars = brandCssVariables("#1D4ED8");
    expect(Object.keys(vars)).toHaveLength(11);
    expect(vars["--color-brand-700"]).toBe("#1d4ed8");
    expect(brandCssVariables("not a colour")).toEqual({});
  });

  it("formats a ratio rounded down", () => {
    expect(formatRatio(4.499)).toBe("4.49:1");
    expect(formatRatio(21)).toBe("21:1");
    expect(formatRatio(7.1)).toBe("7.1:1");
  });
});
