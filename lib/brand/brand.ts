import "server-only";
import { inArray } from "drizzle-orm";
import { cache } from "react";
import { db, type Db, type Tx } from "@/db";
import { settings } from "@/db/schema";
import { parsePointsPolicy } from "@/lib/ledger/policy";
import { DEFAULT_BRAND, DEFAULT_BRAND_SETTINGS, logoSrcOf, storedBrandSchema, type Brand, type BrandSettings } from "./schemas";

export const BRAND_SETTINGS_KEY = "program";

/** The stored brand over the defaults; each malformed field falls back on its own. */
export function parseBrandSettings(value: unknown): BrandSettings {
  const stored = value && typeof value === "object" ? value : {};
  return storedBrandSchema.parse({ ...DEFAULT_BRAND_SETTINGS, ...stored });
}

/** The brand as it is now, read fresh (admin forms, emails, scripts). */
export async function loadBrand(conn: Db | Tx = db): Promise<Brand> {
  // One query for both rows: the brand and the points policy (its point value).
  const rows = await conn
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, [BRAND_SETTINGS_KEY, "points"]));
  const brand = parseBrandSettings(rows.find((r) => r.key === BRAND_SETTINGS_KEY)?.value);
  const policy = parsePointsPolicy(rows.find((r) => r.key === "points")?.value);
  return {
    ...brand,
    logoSrc: logoSrcOf(brand),
    pointValueCents: policy.pointValueCents,
  };
}

/**
 * The brand for this request: the root layout, its metadata and the page all ask, and React's
 * cache() makes that one query per request (outside a React server render it simply reads).
 * A database failure falls back to the defaults with one log line, so the header still renders.
 * `next build` renders every page once to learn which are static, with no database (it is
 * connected at server start): those renders fall back quietly. No page is prerendered with the
 * brand — the visitor's copies render at their first request (decision 0012).
 */
export const getBrand = cache(async (): Promise<Brand> => {
  try {
    return await loadBrand();
  } catch (error) {
    if (process.env.NEXT_PHASE !== "phase-production-build") console.error("[brand] could not read the brand settings; using the defaults", error);
    return DEFAULT_BRAND;
  }
});
