import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { earningRules, type EarningRule } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { diff } from "./changes";
import type { EarningRuleUpdate } from "./schemas";

export type UpdateEarningRuleResult = { rule: EarningRule; changed: string[] };

/**
 * Edits one earning rule. Rules are read from the table at every event (lib/earning/rules.ts,
 * lib/orders/ingest-order.ts, lib/earning/claims.ts): nothing caches them, so the change applies
 * to the next award and never to points already posted. The row is locked while it changes, and
 * the audit row (changed fields only, before and after) commits with it. Saving the form as it was
 * records nothing.
 */
export async function updateEarningRule(actorId: string, input: EarningRuleUpdate): Promise<UpdateEarningRuleResult> {
  return db.transaction(async (tx) => {
    const [rule] = await tx.select().from(earningRules).where(eq(earningRules.id, input.id)).for("update");
    if (!rule) throw new ActionError("That earning rule doesn't exist. Run the seed (npm run db:seed) to create the program's rules.", "not_found");

    const { changed, before, after } = diff(rule, input.values);
    if (!changed.length) return { rule, changed };

    const [updated] = await tx
      .update(earningRules)
      .set({ ...after, updatedAt: sql`now()` })
      .where(eq(earningRules.id, rule.id))
      .returning();
    await writeAudit(tx, { actorId, action: "earning_rule.updated", entityType: "earning_rule", entityId: rule.id, before, after, reason: input.reason });
    return { rule: updated, changed };
  });
}
