import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { referrals, type Referral } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { withLedgerRetry } from "@/lib/ledger/post";
import { postReferrerReward } from "./qualify";
import { getReferralSettings } from "./settings";
import { postRefereeWelcome } from "./welcome";
import { DAY_MS } from "./window";

/**
 * An admin's decision on a flagged referral. Approved: it continues as if never flagged — if the
 * referee already paid, it qualifies now and the reward is posted with a hold from today;
 * otherwise it waits as `pending`. Either way the friend's welcome bonus, held while flagged, is
 * posted now (points mode). Rejected: `rejected`, no reward for anyone. Audited in the same transaction.
 */
export async function decideReferral(id: string, approve: boolean, actorId: string, reason: string, now = new Date()): Promise<Referral> {
  const settings = await getReferralSettings();
  return withLedgerRetry(() =>
    db.transaction(async (tx) => {
      const [before] = await tx.select().from(referrals).where(eq(referrals.id, id)).for("update");
      if (!before) throw new ActionError("That referral doesn't exist.", "not_found");
      if (before.status !== "flagged") throw new ActionError(`Only flagged referrals can be decided; this one is ${before.status}.`, "conflict");
      const qualified = approve && !!before.qualifyingReference;
      const rewardAvailableAt = qualified ? new Date(now.getTime() + settings.holdDays * DAY_MS) : null;
      const [after] = await tx
        .update(referrals)
        .set({ status: approve ? (qualified ? "qualified" : "pending") : "rejected", rewardAvailableAt, decidedBy: actorId, decidedAt: now })
        .where(eq(referrals.id, id))
        .returning();
      if (qualified && rewardAvailableAt) await postReferrerReward(tx, after, settings.rewardPoints, rewardAvailableAt, now);
      if (approve) await postRefereeWelcome(tx, after, settings, now);
      await writeAudit(tx, { actorId, action: approve ? "referral.approve" : "referral.reject", entityType: "referral", entityId: id, before, after, reason });
      return after;
    }),
  );
}
