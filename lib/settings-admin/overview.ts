import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, users, type EarningRule } from "@/db/schema";
import { loadBrand } from "@/lib/brand/brand";
import type { Brand } from "@/lib/brand/schemas";
import { listEarningRules } from "@/lib/earning/rules";
import { getPointsPolicy, type PointsPolicy } from "@/lib/ledger/policy";
import { getReferralSettings } from "@/lib/referrals/settings";
import type { ReferralSettings } from "@/lib/referrals/schemas";
import type { TierSettings } from "@/lib/tiers/schemas";
import { getTierSettings, listTiers, type TierInfo } from "@/lib/tiers/tiers";

/** The audit entities the settings screens write (referral settings are "settings"/"referrals"). */
export const SETTINGS_ENTITY_TYPES = ["settings", "earning_rule", "tier"] as const;

export type SettingsChange = { id: number; action: string; entityType: string; entityId: string | null; reason: string | null; actor: string | null; createdAt: Date };

/** The latest changes to program settings, newest first, with who made them. */
export async function recentSettingsChanges(limit = 10): Promise<SettingsChange[]> {
  return (
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        reason: auditLog.reason,
        actor: users.email,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      // audit_log_entity_idx leads with entity_type
      .where(inArray(auditLog.entityType, [...SETTINGS_ENTITY_TYPES]))
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(limit)
  );
}

export type SettingsOverview = {
  brand: Brand;
  rules: EarningRule[];
  tiers: TierInfo[];
  tierSettings: TierSettings;
  policy: PointsPolicy;
  referrals: ReferralSettings;
  recent: SettingsChange[];
};

/** Everything the settings index summarises, read fresh (an admin checks what they just saved). */
export async function getSettingsOverview(): Promise<SettingsOverview> {
  const [brand, rules, tiers, tierSettings, policy, referrals, recent] = await Promise.all([
    loadBrand(),
    listEarningRules(),
    listTiers(),
    getTierSettings(),
    getPointsPolicy(),
    getReferralSettings(),
    recentSettingsChanges(),
  ]);
  return { brand, rules, tiers, tierSettings, policy, referrals, recent };
}
