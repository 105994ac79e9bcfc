import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { customers, pointPostings, type PointPosting } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { loadBrand } from "@/lib/brand/brand";
import { InsufficientPointsError } from "@/lib/ledger/errors";
import { lockBalance, postIn, withLedgerRetry } from "@/lib/ledger/post";
import { adjustmentMemo, type AdjustPointsInput } from "./schemas";

export type AdjustmentResult = { posting: PointPosting; created: boolean; available: number };

/** The posting key of an adjustment: one per form submission, so a double submit posts once. */
export const adjustmentKey = (idempotencyKey: string) => `admin-adjust:${idempotencyKey}`;

const formatted = (n: number) => n.toLocaleString("en-US");

/**
 * An admin's manual adjustment: a ledger posting of kind "adjust" with the admin as actor and a
 * memo the member reads in their history, and its audit row, in one transaction. Taking away more
 * than is available is refused with the figure (DESIGN invariant 2); a positive adjustment pays
 * any debt first, as every credit does. Adjustments never count towards tiers (lib/tiers).
 */
export async function adjustPoints(actorId: string, input: AdjustPointsInput): Promise<AdjustmentResult> {
  try {
    return await withLedgerRetry(() =>
      db.transaction(async (tx) => {
        const [customer] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, input.customerId));
        if (!customer) throw new ActionError("That member doesn't exist any more. Go back to the members list.", "not_found");
        // The balance row is locked here and again (re-entrantly) by postIn: `before` is exact.
        const before = await lockBalance(tx, customer.id);
        // Under the lock a duplicate submission has committed or not started: if this key already
        // posted, that posting stands — even when the balance could not cover it a second time.
        const [existing] = await tx.select().from(pointPostings).where(eq(pointPostings.key, adjustmentKey(input.idempotencyKey)));
        if (existing) {
          if (existing.customerId !== customer.id) throw new ActionError("This form was already used for another member. Reload the page and try again.", "conflict");
          return { posting: existing, created: false, available: before.available };
        }
        // The memo names the program as the member knows it ("Adjustment by the Cairn team: …").
        const { programName } = await loadBrand(tx);
        const { posting, created } = await postIn(tx, {
          key: adjustmentKey(input.idempotencyKey),
          kind: "adjust",
          customerId: customer.id,
          points: input.points,
          reason: "admin_adjustment",
          memo: adjustmentMemo(input.note, programName),
          actorId,
          metadata: { reasonCode: input.reasonCode, note: input.note },
        });
        const after = await lockBalance(tx, customer.id);
        // The same submission again: the first posting stands, and its audit row is already written.
        if (!created) return { posting, created, available: after.available };
        await writeAudit(tx, {
          actorId,
          action: "points.adjusted",
          entityType: "customer",
          entityId: customer.id,
          before: { available: before.available, pending: before.pending, debt: before.debt },
          after: { available: after.available, pending: after.pending, debt: after.debt, points: input.points, postingId: posting.id },
          reason: `${input.reasonCode}: ${input.note}`,
        });
        return { posting, created, available: after.available };
      }),
    );
  } catch (error) {
    if (error instanceof InsufficientPointsError) {
      const message = `Only ${formatted(error.available)} ${error.available === 1 ? "point is" : "points are"} available, so at most ${formatted(error.available)} can be taken away.`;
      throw new ActionError(message, "invalid_input", { points: [message] });
    }
    throw error;
  }
}
