import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { settings } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { BRAND_SETTINGS_KEY, parseBrandSettings } from "@/lib/brand/brand";
import { ImageError, prepareLogoImage } from "@/lib/brand/logo";
import type { BrandSettings } from "@/lib/brand/schemas";
import type { PreparedImage } from "@/lib/rewards/images";
import { storeRewardImage } from "@/lib/rewards/images";
import { diff } from "./changes";
import type { BrandUpdate } from "./schemas";

export type UpdateBrandResult = { brand: BrandSettings; changed: string[] };

async function prepareUpload(file: Blob | undefined): Promise<PreparedImage | null> {
  if (!file) return null;
  try {
    return await prepareLogoImage(file);
  } catch (error) {
    if (error instanceof ImageError) throw new ActionError("Please correct the highlighted fields.", "invalid_input", { logo: [error.message] });
    throw error;
  }
}

/**
 * Changes the brand (settings["program"]): name, support email, currency, colour and logo. The
 * pages, their <title> and emails read it per request (lib/brand/brand.ts getBrand), so the next
 * page or email shows it. The upload is checked and resized before the transaction (sharp is
 * slow and needs no lock); the image row, the setting and the audit row then commit together.
 */
export async function updateBrand(actorId: string, input: BrandUpdate): Promise<UpdateBrandResult> {
  const upload = await prepareUpload(input.logo);
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, BRAND_SETTINGS_KEY)).for("update");
    const before = parseBrandSettings(row?.value);

    // The logo: a new upload or link replaces the old one; "remove" goes back to the built-in mark.
    let logo: Pick<BrandSettings, "logoImageId" | "logoUrl"> = { logoImageId: before.logoImageId, logoUrl: before.logoUrl };
    if (upload) logo = { logoImageId: await storeRewardImage(tx, upload), logoUrl: null };
    else if (input.logoUrl) logo = { logoImageId: null, logoUrl: input.logoUrl };
    else if (input.removeLogo) logo = { logoImageId: null, logoUrl: null };

    const after: BrandSettings = {
      programName: input.programName,
      supportEmail: input.supportEmail ?? null,
      currency: input.currency,
      primaryColor: input.primaryColor,
      ...logo,
    };
    const changes = diff(before, after);
    if (!changes.changed.length) return { brand: before, changed: [] };
    await tx
      .insert(settings)
      .values({ key: BRAND_SETTINGS_KEY, value: after, updatedBy: actorId })
      .onConflictDoUpdate({ target: settings.key, set: { value: after, updatedBy: actorId, updatedAt: new Date() } });
    await writeAudit(tx, {
      actorId,
      action: "brand.update",
      entityType: "settings",
      entityId: BRAND_SETTINGS_KEY,
      before: changes.before,
      after: changes.after,
      reason: input.reason,
    });
    return { brand: after, changed: changes.changed };
  });
}
