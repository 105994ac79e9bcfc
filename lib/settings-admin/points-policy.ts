import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { settings } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import { parsePointsPolicy, type PointsPolicy } from "@/lib/ledger/policy";
import { diff } from "./changes";
import type { PointsPolicyUpdate } from "./schemas";

export type UpdatePointsPolicyResult = { policy: PointsPolicy; changed: string[] };

/**
 * Changes the points policy (settings["points"]). The ledger reads it at every earn
 * (lib/ledger/post.ts → getPointsPolicy), so a new expiry applies to points earned from now on;
 * lots already earned keep the expiry date they were given. The settings row is locked while it
 * changes and the audit row commits with it.
 */
export async function updatePointsPolicy(actorId: string, input: PointsPolicyUpdate): Promise<UpdatePointsPolicyResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, "points")).for("update");
    const before = parsePointsPolicy(row?.value);
    const { changed, before: was, after: now } = diff(before, input.policy);
    if (!changed.length) return { policy: before, changed };
    const value: PointsPolicy = { ...before, ...input.policy };
    await tx
      .insert(settings)
      .values({ key: "points", value, updatedBy: actorId })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: actorId, updatedAt: new Date() } });
    await writeAudit(tx, { actorId, action: "points.policy.update", entityType: "settings", entityId: "points", before: was, after: now, reason: input.reason });
    return { policy: value, changed };
  });
}
