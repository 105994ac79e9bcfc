import "server-only";
import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { settings, tiers, type Tier } from "@/db/schema";
import { ActionError, type FieldErrors } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { getTierSettings } from "@/lib/tiers/tiers";
import type { TierSettings } from "@/lib/tiers/schemas";
import { diff } from "./changes";
import type { TiersUpdate, TierValues } from "./schemas";

/**
 * The ladder's rules, checked against the stored tiers in their sort order: every tier is sent,
 * the lowest starts at 0 (everyone has a tier), and each threshold is strictly above the one
 * below it — otherwise two tiers would qualify at once and qualifiedTierFor's answer would
 * depend on ties. Keys are the form's field names.
 */
export function tierLadderErrors(stored: Pick<Tier, "id" | "name">[], input: TiersUpdate): FieldErrors | null {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const ids = new Set(stored.map((t) => t.id));
  const unknown = Object.keys(input.tiers).filter((id) => !ids.has(id));
  const missing = stored.filter((t) => !(t.id in input.tiers));
  if (unknown.length || missing.length) {
    add("form", "The tiers changed since this page was opened. Reload it and make your change again.");
    return errors;
  }
  const unit = input.metric === "spend" ? "spend" : "points";
  stored.forEach((tier, index) => {
    const threshold = input.tiers[tier.id].threshold;
    if (index === 0 && threshold !== 0) add(`tiers.${tier.id}.threshold`, `The lowest tier starts at 0, so every member has a tier.`);
    const below = stored[index - 1];
    if (below && threshold <= input.tiers[below.id].threshold) {
      add(`tiers.${tier.id}.threshold`, `Must be more ${unit} than ${input.tiers[below.id].name}'s threshold: each tier starts above the one below it.`);
    }
  });
  return Object.keys(errors).length ? errors : null;
}

export type UpdateTiersResult = { changedTiers: string[]; settingsChanged: boolean };

/**
 * Saves the whole ladder and its qualifying settings at once (the rules span tiers, so they are
 * checked together). The tier rows are locked in sort order first, so two admins saving at once
 * run one after the other and the second is checked against the first's result. Members' tiers
 * are not recomputed here: a new threshold applies at each member's next recompute (their next
 * qualifying event or the nightly job), with the usual grace before any downgrade. One audit row
 * per changed tier and one for the settings, in the same transaction.
 */
export async function updateTiers(actorId: string, input: TiersUpdate): Promise<UpdateTiersResult> {
  return db.transaction(async (tx) => {
    const stored = await tx.select().from(tiers).orderBy(asc(tiers.sortOrder), asc(tiers.id)).for("update");
    if (!stored.length) throw new ActionError("No tiers are configured. Run the seed (npm run db:seed) to create them.", "not_found");
    const errors = tierLadderErrors(stored, input);
    if (errors) throw new ActionError(errors.form?.[0] ?? "Please correct the highlighted fields.", errors.form ? "conflict" : "invalid_input", errors);

    const changedTiers: string[] = [];
    for (const tier of stored) {
      const next: TierValues = input.tiers[tier.id];
      // numeric(4,2) comes back as "1.25"; the form's value is normalised the same way.
      const { changed, before, after } = diff<TierValues>({ ...tier, multiplier: Number(tier.multiplier).toFixed(2) }, next);
      if (!changed.length) continue;
      await tx.update(tiers).set(after).where(eq(tiers.id, tier.id));
      await writeAudit(tx, { actorId, action: "tier.updated", entityType: "tier", entityId: tier.id, before, after, reason: input.reason });
      changedTiers.push(tier.id);
    }

    const current = await getTierSettings(tx);
    const wanted: TierSettings = { metric: input.metric, graceDays: input.graceDays };
    const settingsDiff = diff(current, wanted);
    if (settingsDiff.changed.length) {
      const value = { ...current, ...wanted };
      await tx
        .insert(settings)
        .values({ key: "tiers", value, updatedBy: actorId })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: actorId, updatedAt: new Date() } });
      await writeAudit(tx, {
        actorId,
        action: "tiers.settings.update",
        entityType: "settings",
        entityId: "tiers",
        before: settingsDiff.before,
        after: settingsDiff.after,
        reason: input.reason,
      });
    }
    return { changedTiers, settingsChanged: settingsDiff.changed.length > 0 };
  });
}
