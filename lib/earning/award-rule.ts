import "server-only";
import { addDays } from "date-fns";
import { and, count, eq, gte, lt } from "drizzle-orm";
import { db } from "@/db";
import { pointPostings } from "@/db/schema";
import { isHeldOut } from "@/lib/analytics/holdout";
import { lockBalance, postIn, withLedgerRetry } from "@/lib/ledger/post";
import { recomputeTier } from "@/lib/tiers/tiers";
import { capWindow } from "./cap-window";
import { EarningError } from "./errors";
import { earningKeys } from "./keys";
import { getEarningRule } from "./rules";
import { isBonusCampaign, type AwardableRuleId } from "./schemas";

export type AwardRuleInput = {
  customerId: string;
  ruleId: AwardableRuleId;
  /** The idempotency key (see keys.ts): signup:<customer>, birthday:<customer>:<year>, survey:<id>:<customer>, stripe:<id>, event:<integration>:<id>. */
  key: string;
  /** Words for the member ("Review of Trail Jacket"); the rule's default memo when left out. */
  memo?: string;
  /** When the action happened; defaults to now. The cap window and the hold count from it. */
  at?: Date;
  /** The membership bonus passes the plan's bonus points; every other rule awards its own `points`. */
  points?: number;
  metadata?: Record<string, unknown>;
};

export type AwardOutcome =
  | { status: "awarded"; points: number; postingId: number; pending: boolean }
  /** The key was used before: that award stands, nothing new is posted. */
  | { status: "duplicate"; points: number; postingId: number }
  /** The rule's cap for the period is reached. */
  | { status: "capped"; points: 0 }
  /** The rule is switched off. */
  | { status: "inactive"; points: 0 }
  /** A bonus campaign, and the customer is in the analytics holdout's control group. */
  | { status: "holdout"; points: 0 }
  /** The rule (or the plan's bonus) is worth zero points. */
  | { status: "no_points"; points: 0 };

export const DEFAULT_MEMOS: Record<AwardableRuleId, string> = {
  signup: "Welcome bonus",
  birthday: "Birthday bonus",
  review: "Product review",
  social_share: "Social share",
  survey: "Survey answered",
  membership: "Membership bonus",
};

/**
 * Awards a rule's points once per key. Runs in one transaction that first locks the member's
 * balance row, so concurrent awards for one member queue up: the cap is counted after the lock,
 * and two awards can never both see "one left". The tier is recomputed after commit.
 */
export async function awardRule(input: AwardRuleInput): Promise<AwardOutcome> {
  const at = input.at ?? new Date();
  const outcome = await withLedgerRetry(() =>
    db.transaction(async (tx): Promise<AwardOutcome> => {
      const rule = await getEarningRule(input.ruleId, tx);
      if (!rule) throw new EarningError(`There is no earning rule "${input.ruleId}".`, "unknown_rule");

      await lockBalance(tx, input.customerId);
      // A repeat of an award already made is a duplicate, even if the rule changed since.
      const [existing] = await tx.select().from(pointPostings).where(eq(pointPostings.key, input.key));
      if (existing) {
        if (existing.customerId !== input.customerId) throw new EarningError(`The key ${input.key} was already used for another customer.`, "key_conflict");
        return { status: "duplicate", points: existing.points, postingId: existing.id };
      }

      if (!rule.active) return { status: "inactive", points: 0 };
      // The holdout's control group is measured without campaigns; nothing is posted, so the key stays free.
      if (isBonusCampaign(input.ruleId) && (await isHeldOut(tx, input.customerId))) return { status: "holdout", points: 0 };
      const points = input.points ?? rule.points;
      if (!Number.isSafeInteger(points) || points <= 0) return { status: "no_points", points: 0 };

      if (rule.capCount !== null) {
        const window = capWindow(rule.capPeriod ?? "lifetime", at);
        // served by point_postings_reason_idx (customer, reason, created_at)
        const [{ n }] = await tx
          .select({ n: count() })
          .from(pointPostings)
          .where(
            and(
              eq(pointPostings.customerId, input.customerId),
              eq(pointPostings.reason, rule.id),
              eq(pointPostings.kind, "earn"),
              window ? and(gte(pointPostings.createdAt, window.start), lt(pointPostings.createdAt, window.end)) : undefined,
            ),
          );
        if (n >= rule.capCount) return { status: "capped", points: 0 };
      }

      const holdUntil = rule.holdDays > 0 ? addDays(at, rule.holdDays) : null;
      const { posting } = await postIn(tx, {
        kind: "earn",
        key: input.key,
        customerId: input.customerId,
        points,
        reason: rule.id,
        memo: input.memo?.trim() || DEFAULT_MEMOS[input.ruleId],
        holdUntil,
        at,
        metadata: input.metadata,
      });
      return { status: "awarded", points: posting.points, postingId: posting.id, pending: holdUntil !== null };
    }),
  );
  if (outcome.status === "awarded") await recomputeTierAfterCommit(input.customerId, `earning:${input.ruleId}`);
  return outcome;
}

/** The signup bonus, once per customer. */
export function awardSignup(customerId: string, at?: Date): Promise<AwardOutcome> {
  return awardRule({ customerId, ruleId: "signup", key: earningKeys.signup(customerId), at });
}

/** The birthday bonus, once per customer per calendar year (the key holds the year). */
export function awardBirthday(customerId: string, at = new Date()): Promise<AwardOutcome> {
  return awardRule({ customerId, ruleId: "birthday", key: earningKeys.birthday(customerId, at.getUTCFullYear()), at });
}

/**
 * The points are committed whatever happens here: a tier that fails to recompute is logged and
 * caught up by the next recompute, never turned into a failed request that a shop would retry.
 */
export async function recomputeTierAfterCommit(customerId: string, reason: string): Promise<void> {
  try {
    await recomputeTier(customerId, reason);
  } catch (error) {
    console.error(`[earning] tier recompute for customer ${customerId} failed (${reason})`, error);
  }
}
