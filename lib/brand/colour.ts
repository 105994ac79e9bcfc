/**
 * The brand colour and the palette derived from it. Pure and client-safe: the settings form, the
 * action and the root layout all use it, and the contrast rules are unit-tested.
 *
 * The admin picks one colour: the shade buttons are filled with (Tailwind's `brand-700`). White
 * button text on it and the same colour as link text on white must reach WCAG AA for normal text
 * (4.5:1), like the hand-tuned default palette in app/globals.css does.
 */

export const DEFAULT_BRAND_COLOUR = "#186355";

/** The AA threshold for normal-size text (WCAG 1.4.3). */
export const TEXT_CONTRAST = 4.5;
/** The AA threshold for focus rings and other non-text indicators (WCAG 1.4.11). */
export const UI_CONTRAST = 3;

const HEX_RE = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

type Rgb = [number, number, number];

/** "#1A6", "1a6", "#11aa66" → "#11aa66"; null when it isn't a hex colour. */
export function normaliseHex(value: string): string | null {
  const match = HEX_RE.exec(value.trim());
  if (!match) return null;
  const digits = match[1].length === 3 ? [...match[1]].map((d) => d + d).join("") : match[1];
  return `#${digits.toLowerCase()}`;
}

function toRgb(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b]
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** WCAG 2 relative luminance of an sRGB colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = toRgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `amount` of the way from `hex` to `target` (0 = hex, 1 = target), per sRGB channel. */
function mix(hex: string, target: string, amount: number): string {
  const from = toRgb(hex);
  const to = toRgb(target);
  return toHex([0, 1, 2].map((i) => from[i] + (to[i] - from[i]) * amount) as Rgb);
}

export type BrandShade = 50 | 100 | 200 | 300 | 400 | 500 | 600 | 700 | 800 | 900 | 950;
export type BrandPalette = Record<BrandShade, string>;

/** How far each shade is mixed towards white (lighter than 700) or black (darker). */
const TINTS: [BrandShade, number][] = [
  [50, 0.94],
  [100, 0.86],
  [200, 0.72],
  [300, 0.55],
  [400, 0.38],
  [500, 0.22],
  [600, 0.1],
];
const SHADES: [BrandShade, number][] = [
  [800, 0.18],
  [900, 0.32],
  [950, 0.55],
];

/** The eleven `--color-brand-*` shades for a button colour (it becomes 700). */
export function brandPalette(colour: string): BrandPalette {
  const base = normaliseHex(colour) ?? DEFAULT_BRAND_COLOUR;
  const palette = { 700: base } as BrandPalette;
  for (const [shade, amount] of TINTS) palette[shade] = mix(base, "#ffffff", amount);
  for (const [shade, amount] of SHADES) palette[shade] = mix(base, "#000000", amount);
  return palette;
}

/**
 * The pairs the app draws with the brand colour (see app/globals.css and the components): each
 * must reach its threshold, or some text or focus ring would be hard to read.
 */
function failingPairs(palette: BrandPalette): string[] {
  const checks: [string, string, string, number][] = [
    ["white button text on it", "#ffffff", palette[700], TEXT_CONTRAST],
    ["links on the pale brand background", palette[700], palette[50], TEXT_CONTRAST],
    ["the current page in the menu", palette[800], palette[50], TEXT_CONTRAST],
    ["light text on the dark brand band", palette[100], palette[800], TEXT_CONTRAST],
    ["the focus ring on white", palette[600], "#ffffff", UI_CONTRAST],
  ];
  return checks.filter(([, a, b, min]) => contrastRatio(a, b) < min).map(([what]) => what);
}

export type ColourCheck =
  | { ok: true; colour: string; ratio: number }
  /** `suggestion`: the nearest darker shade that passes, to offer the admin. */
  | {
      ok: false;
      colour: string;
      ratio: number;
      failing: string[];
      suggestion: string;
    };

/** Whether a colour can fill buttons with white text (and its derived shades stay legible). */
export function checkBrandColour(colour: string): ColourCheck {
  const hex = normaliseHex(colour);
  if (!hex) throw new RangeError(`not a hex colour: ${colour}`);
  const ratio = contrastRatio("#ffffff", hex);
  const failing = failingPairs(brandPalette(hex));
  if (!failing.length) return { ok: true, colour: hex, ratio };
  // Darken in small steps towards black (which always passes) until every pair reads.
  let suggestion = hex;
  for (let step = 1; step <= 50 && failingPairs(brandPalette(suggestion)).length; step++) suggestion = mix(hex, "#000000", step * 0.02);
  return { ok: false, colour: hex, ratio, failing, suggestion };
}

/** "4.52:1", rounded down so a colour shown as 4.5:1 really reaches it. */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2).replace(/\.?0+$/, "")}:1`;
}

/**
 * The CSS custom properties that re-colour the app (Tailwind v4 reads `--color-brand-*` at use),
 * set inline on <html>. The default colour keeps the hand-tuned palette in globals.css: nothing to set.
 */
export function brandCssVariables(colour: string): Record<string, string> {
  const hex = normaliseHex(colour);
  if (!hex || hex === DEFAULT_BRAND_COLOUR) return {};
  return Object.fromEntries(Object.entries(brandPalette(hex)).map(([shade, value]) => [`--color-brand-${shade}`, value]));
}
