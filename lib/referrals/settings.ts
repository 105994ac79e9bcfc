import "server-only";
import { clearReferralLinkCache } from "./link-cache";
import { eq } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { settings } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { DEFAULT_REFERRAL_SETTINGS, referralSettingsSchema, type ReferralSettings } from "./schemas";

const KEY = "referrals";

/** The program's referral rules: the stored value over the defaults; a malformed row falls back loudly. */
export async function getReferralSettings(conn: Db | Tx = db): Promise<ReferralSettings> {
  const [row] = await conn.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  const merged = { ...DEFAULT_REFERRAL_SETTINGS, ...((row?.value as Partial<ReferralSettings> | undefined) ?? {}) };
  const parsed = referralSettingsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  console.error("[referrals] stored settings are invalid; using the defaults", parsed.error.issues);
  return DEFAULT_REFERRAL_SETTINGS;
}

/** Changes some settings; the whole result is validated, and the audit row commits with it. */
export async function updateReferralSettings(actorId: string, patch: Partial<Record<keyof ReferralSettings, unknown>>, reason: string): Promise<ReferralSettings> {
  return db.transaction(async (tx) => {
    const before = await getReferralSettings(tx);
    const parsed = referralSettingsSchema.safeParse({ ...before, ...patch });
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
      throw new ActionError("Please correct the highlighted fields.", "invalid_input", fieldErrors);
    }
    const after = parsed.data;
    await tx
      .insert(settings)
      .values({ key: KEY, value: after, updatedBy: actorId })
      .onConflictDoUpdate({ target: settings.key, set: { value: after, updatedBy: actorId, updatedAt: new Date() } });
    await writeAudit(tx, { actorId, action: "referrals.settings.update", entityType: "settings", entityId: KEY, before, after, reason });
    clearReferralLinkCache();
    return after;
  });
}
