import { z } from "zod";
import { checkBrandColour, DEFAULT_BRAND_COLOUR, normaliseHex } from "./colour";

/**
 * The brand as stored in settings["program"] (the key lib/orders/program-currency.ts reads the
 * currency from). Client-safe: the settings form imports the types and limits.
 */

export const MAX_PROGRAM_NAME = 60;
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
export const LOGO_TOO_LARGE = "The logo is larger than 2 MB. Export it smaller and upload it again.";

/**
 * Money is integer cents throughout (DESIGN invariant 4), so the program currency must have
 * exactly two minor digits: USD, EUR, GBP… but not JPY (none) or KWD (three).
 */
export function isSupportedCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    if (typeof Intl.supportedValuesOf === "function" && !Intl.supportedValuesOf("currency").includes(code)) return false;
    return (
      new Intl.NumberFormat("en-US", {
        style: "currency",
        currency: code,
      }).resolvedOptions().maximumFractionDigits === 2
    );
  } catch {
    return false;
  }
}

export const DEFAULT_BRAND_SETTINGS = {
  programName: "Cairn",
  supportEmail: null as string | null,
  currency: "USD",
  primaryColor: DEFAULT_BRAND_COLOUR,
  /** An upload (a reward_images row, served by /api/rewards/images/<id>) … */
  logoImageId: null as string | null,
  /** … or an https:// address; neither means the built-in mark. */
  logoUrl: null as string | null,
};

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && !!url.hostname;
  } catch {
    return false;
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reading: each malformed field falls back to its default on its own, so one bad value never
 * blanks the site's header or stops an email. Writing goes through the admin form's schema.
 */
export const storedBrandSchema = z.object({
  programName: z.string().trim().min(1).max(MAX_PROGRAM_NAME).catch(DEFAULT_BRAND_SETTINGS.programName),
  supportEmail: z.email().nullable().catch(DEFAULT_BRAND_SETTINGS.supportEmail),
  currency: z.string().trim().toUpperCase().refine(isSupportedCurrency).catch(DEFAULT_BRAND_SETTINGS.currency),
  primaryColor: z
    .string()
    .transform((v) => normaliseHex(v) ?? "")
    .refine((v) => v !== "" && checkBrandColour(v).ok)
    .catch(DEFAULT_BRAND_SETTINGS.primaryColor),
  logoImageId: z.string().regex(UUID_RE).nullable().catch(null),
  logoUrl: z.string().refine(isHttpsUrl).nullable().catch(null),
});

export type BrandSettings = z.infer<typeof storedBrandSchema>;

/** What pages and emails need: the stored brand, where its logo is served from, and the point value. */
export type Brand = BrandSettings & {
  logoSrc: string | null;
  /** Value of one point in cents (settings["points"].pointValueCents); 0: points have no cash value. */
  pointValueCents: number;
};

export const DEFAULT_BRAND: Brand = {
  ...DEFAULT_BRAND_SETTINGS,
  logoSrc: null,
  pointValueCents: 1,
};

export function logoSrcOf(settings: Pick<BrandSettings, "logoImageId" | "logoUrl">): string | null {
  return settings.logoImageId ? `/api/rewards/images/${settings.logoImageId}` : settings.logoUrl;
}
