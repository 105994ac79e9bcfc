import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { settings } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { DEFAULT_HOLDOUT_SETTINGS, holdoutSettingsSchema, type HoldoutSettings } from "./schemas";

/*
 * The incrementality holdout: while it runs, each new customer is drawn once into "control" (with
 * the configured probability) or "treatment". Control customers get no bonus campaigns (lib/earning
 * BONUS_CAMPAIGN_RULE_IDS); the dashboard compares the groups' repeat purchase rates. Customers
 * created while it is off join no group, and switching it off lets control customers earn campaign
 * bonuses again (their group is kept, for the record).
 */

export const HOLDOUT_SETTINGS_KEY = "holdout";

/** The stored share as a number, 0 when missing or malformed (so a bad row never breaks customer creation). */
const storedShare = sql`case when jsonb_typeof(${settings.value} -> 'sharePercent') = 'number' then (${settings.value} ->> 'sharePercent')::numeric else 0 end`;

export async function getHoldoutSettings(conn: Db | Tx = db): Promise<HoldoutSettings> {
  const [row] = await conn.select({ value: settings.value }).from(settings).where(eq(settings.key, HOLDOUT_SETTINGS_KEY));
  if (!row) return DEFAULT_HOLDOUT_SETTINGS;
  const parsed = holdoutSettingsSchema.safeParse({ ...DEFAULT_HOLDOUT_SETTINGS, ...(row.value as object) });
  if (parsed.success) return parsed.data;
  console.error("[analytics] stored holdout settings are invalid; the holdout is off", parsed.error.issues);
  return DEFAULT_HOLDOUT_SETTINGS;
}

/** Changes the share of new customers held out; the audit row commits with the change. */
export async function updateHoldoutSettings(actorId: string, input: unknown, reason: string): Promise<HoldoutSettings> {
  const parsed = holdoutSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
    throw new ActionError("Please correct the highlighted fields.", "invalid_input", fieldErrors);
  }
  const after = parsed.data;
  return db.transaction(async (tx) => {
    // The row lock orders two admins saving at once, so each audit row's "before" is what it replaced.
    const [locked] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, HOLDOUT_SETTINGS_KEY)).for("update");
    const before = locked ? await getHoldoutSettings(tx) : DEFAULT_HOLDOUT_SETTINGS;
    await tx
      .insert(settings)
      .values({ key: HOLDOUT_SETTINGS_KEY, value: after, updatedBy: actorId })
      .onConflictDoUpdate({ target: settings.key, set: { value: after, updatedBy: actorId, updatedAt: new Date() } });
    await writeAudit(tx, { actorId, action: "analytics.holdout.update", entityType: "settings", entityId: HOLDOUT_SETTINGS_KEY, before, after, reason });
    return after;
  });
}

/**
 * The experiment group of a customer being inserted, drawn in the same statement (no extra round
 * trip on the order path): null while the holdout is off, else control with probability share/100.
 * Evaluated only when the row is actually inserted, so a customer's group is drawn once.
 */
export function experimentGroupForNewCustomer(): SQL {
  return sql`(select (case when random() * 100 < ${storedShare} then 'control' else 'treatment' end)::experiment_group
    from ${settings} where ${settings.key} = ${HOLDOUT_SETTINGS_KEY} and ${storedShare} > 0)`;
}

/** Whether bonus campaigns skip this customer now: in the control group, with the holdout running. */
export async function isHeldOut(tx: Db | Tx, customerId: string): Promise<boolean> {
  const result = await tx.execute(sql`
    select 1 from customers c, ${settings}
    where c.id = ${customerId} and c.experiment_group = 'control'
      and ${settings.key} = ${HOLDOUT_SETTINGS_KEY} and ${storedShare} > 0`);
  const rows = (result as { rows?: unknown[] }).rows ?? (result as unknown as unknown[]);
  return rows.length > 0;
}
