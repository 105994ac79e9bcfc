import "server-only";
import { earningKeys } from "./keys";
import { and, asc, count, desc, eq, inArray, isNotNull, ne } from "drizzle-orm";
import type { z } from "zod";
import { db, type Db, type Tx } from "@/db";
import { customers, earningClaims, earningRules, type EarningRule } from "@/db/schema";
import type { ActionErrorCode, FieldErrors } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { awardRule, type AwardOutcome } from "./award-rule";
import { CLAIM_RULE_IDS, claimHost, decideClaimSchema, submitClaimSchema, type ClaimRuleId, type DecideClaimInput, type SubmitClaimInput } from "./claim-schemas";

import type { EarningClaim } from "@/db/schema";

export type { EarningClaim };
export type ClaimStatus = EarningClaim["status"];

/** A claim that cannot be made or decided as asked; the message is for the person. */
export class ClaimError extends Error {
  constructor(
    message: string,
    readonly code: Extract<ActionErrorCode, "invalid_input" | "not_found" | "conflict">,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "ClaimError";
  }
}

export const DUPLICATE_LINK_MESSAGE = "You've already claimed this link";

const isClaimRuleId = (id: string): id is ClaimRuleId => (CLAIM_RULE_IDS as readonly string[]).includes(id);

/** The idempotency key of a claim's award: approving twice, or retrying, posts once. */
export const claimKey = earningKeys.claim;

function claimMemo(ruleId: ClaimRuleId, url: string): string {
  const host = claimHost(url);
  return ruleId === "review" ? `Review: ${host}` : `Shared on ${host}`;
}

/** Why an award that was not made turns the claim down, in words the member reads. */
function refusalReason(outcome: Exclude<AwardOutcome["status"], "awarded" | "duplicate">, rule: EarningRule | null): string {
  switch (outcome) {
    case "capped":
      switch (rule?.capPeriod ?? "lifetime") {
        case "day":
          return "Daily limit reached";
        case "month":
          return "Monthly limit reached";
        case "year":
          return "Yearly limit reached";
        default:
          return "Limit reached";
      }
    case "inactive":
      return "This way of earning has ended";
    case "no_points":
      return "Worth no points right now";
    case "holdout":
      return "This bonus isn't available on your account right now";
  }
}

/** The services parse too: they are called by actions, scripts and tests alike. */
function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
  throw new ClaimError("Please correct the highlighted fields.", "invalid_input", fieldErrors);
}

async function getClaimableRule(ruleId: ClaimRuleId, conn: Db | Tx = db): Promise<EarningRule | null> {
  const [rule] = await conn.select().from(earningRules).where(eq(earningRules.id, ruleId));
  return rule ?? null;
}

export type SubmitClaimResult =
  | { status: "approved"; claimId: string; ruleId: ClaimRuleId; points: number; pending: boolean }
  | { status: "pending"; claimId: string; ruleId: ClaimRuleId }
  | { status: "rejected"; claimId: string; ruleId: ClaimRuleId; reason: string };

/**
 * A member claims a review or a share with its link. Without approval the points are awarded at
 * once (the cap counted under the balance lock by awardRule); with approval the claim waits for an
 * admin. The claim row is written first so its id keys the award: a crash between the two leaves a
 * pending claim in the admin queue, never points without a claim.
 */
export async function submitClaim(input: SubmitClaimInput & { customerId: string }): Promise<SubmitClaimResult> {
  const { ruleId, url } = parseOrThrow(submitClaimSchema, input);
  const rule = await getClaimableRule(ruleId);
  if (!rule?.active) throw new ClaimError("This way of earning points is switched off right now.", "invalid_input", { ruleId: ["Not available right now."] });

  // One claim per link per member: the unique index decides, so two quick submits make one claim.
  const [claim] = await db
    .insert(earningClaims)
    .values({ customerId: input.customerId, ruleId, url })
    .onConflictDoNothing({ target: [earningClaims.customerId, earningClaims.url] })
    .returning();
  if (!claim) throw new ClaimError(DUPLICATE_LINK_MESSAGE, "invalid_input", { url: [DUPLICATE_LINK_MESSAGE] });

  if (rule.requiresApproval) return { status: "pending", claimId: claim.id, ruleId };

  const outcome = await awardRule({ customerId: input.customerId, ruleId, key: claimKey(claim.id), memo: claimMemo(ruleId, url), metadata: { claimId: claim.id } });
  if (outcome.status === "awarded" || outcome.status === "duplicate") {
    await db.update(earningClaims).set({ status: "approved", decidedAt: new Date() }).where(and(eq(earningClaims.id, claim.id), eq(earningClaims.status, "pending")));
    return { status: "approved", claimId: claim.id, ruleId, points: outcome.points, pending: outcome.status === "awarded" && outcome.pending };
  }
  const reason = refusalReason(outcome.status, rule);
  await db.update(earningClaims).set({ status: "rejected", decidedAt: new Date(), decisionReason: reason }).where(and(eq(earningClaims.id, claim.id), eq(earningClaims.status, "pending")));
  return { status: "rejected", claimId: claim.id, ruleId, reason };
}

export type DecideClaimResult = { claimId: string; status: "approved"; points: number } | { claimId: string; status: "rejected"; reason: string };

/**
 * An admin approves or rejects a pending claim. The decision and its audit row commit together,
 * and only a claim still pending can be decided (a conditional update), so two admins deciding at
 * once make one decision. Points are awarded after commit; if the cap is reached by then the claim
 * is turned down in a follow-up update, audited too.
 */
export async function decideClaim(input: DecideClaimInput & { actorId: string }): Promise<DecideClaimResult> {
  const { claimId, decision, reason } = parseOrThrow(decideClaimSchema, input);
  const status = decision === "approve" ? "approved" : "rejected";
  const decided = await db.transaction(async (tx) => {
    const [claim] = await tx
      .update(earningClaims)
      .set({ status, decidedBy: input.actorId, decidedAt: new Date(), decisionReason: reason })
      .where(and(eq(earningClaims.id, claimId), eq(earningClaims.status, "pending")))
      .returning();
    if (!claim) return null;
    await writeAudit(tx, {
      actorId: input.actorId,
      action: `claim.${status}`,
      entityType: "earning_claim",
      entityId: claim.id,
      before: { status: "pending" },
      after: { status, customerId: claim.customerId, ruleId: claim.ruleId, url: claim.url },
      reason,
    });
    return claim;
  });

  if (!decided) {
    const [existing] = await db.select({ status: earningClaims.status }).from(earningClaims).where(eq(earningClaims.id, claimId));
    if (!existing) throw new ClaimError("That claim does not exist.", "not_found");
    throw new ClaimError(`This claim was already ${existing.status}; reload to see the current queue.`, "conflict");
  }
  if (status === "rejected") return { claimId, status, reason };
  if (!isClaimRuleId(decided.ruleId)) throw new Error(`Claim ${claimId} has rule ${decided.ruleId}, which members cannot claim.`);

  const ruleId = decided.ruleId;
  const outcome = await awardRule({ customerId: decided.customerId, ruleId, key: claimKey(claimId), memo: claimMemo(ruleId, decided.url), metadata: { claimId } });
  if (outcome.status === "awarded" || outcome.status === "duplicate") return { claimId, status: "approved", points: outcome.points };

  const refusal = refusalReason(outcome.status, await getClaimableRule(ruleId));
  await db.transaction(async (tx) => {
    const [claim] = await tx
      .update(earningClaims)
      .set({ status: "rejected", decisionReason: refusal })
      .where(and(eq(earningClaims.id, claimId), eq(earningClaims.status, "approved")))
      .returning();
    if (!claim) return;
    await writeAudit(tx, {
      actorId: input.actorId,
      action: "claim.rejected",
      entityType: "earning_claim",
      entityId: claimId,
      before: { status: "approved" },
      after: { status: "rejected", award: outcome.status },
      reason: refusal,
    });
  });
  return { claimId, status: "rejected", reason: refusal };
}

export type ClaimableRule = { id: ClaimRuleId; points: number; requiresApproval: boolean; capCount: number | null; capPeriod: EarningRule["capPeriod"] };

/** The claim types a member can choose now (active rules worth points). */
export async function listClaimableRules(): Promise<ClaimableRule[]> {
  const rows = await db
    .select()
    .from(earningRules)
    .where(and(inArray(earningRules.id, [...CLAIM_RULE_IDS]), eq(earningRules.active, true), ne(earningRules.points, 0)))
    .orderBy(asc(earningRules.id));
  return rows.flatMap((r) => (isClaimRuleId(r.id) ? [{ id: r.id, points: r.points, requiresApproval: r.requiresApproval, capCount: r.capCount, capPeriod: r.capPeriod }] : []));
}

/** The member's latest claims, newest first. */
export async function listClaimsForCustomer(customerId: string, limit = 10): Promise<EarningClaim[]> {
  // served by earning_claims_customer_url_unique (customer_id leads)
  return db.select().from(earningClaims).where(eq(earningClaims.customerId, customerId)).orderBy(desc(earningClaims.createdAt), desc(earningClaims.id)).limit(limit);
}

export type ClaimQueueItem = { id: string; email: string; ruleId: string; ruleName: string; url: string; createdAt: Date };

/** The admin review queue, oldest first, and how many wait in all. */
export async function listPendingClaims(limit = 100): Promise<{ items: ClaimQueueItem[]; total: number }> {
  // served by earning_claims_status_idx (status, created_at)
  const [items, [{ n }]] = await Promise.all([
    db
      .select({ id: earningClaims.id, email: customers.email, ruleId: earningClaims.ruleId, ruleName: earningRules.name, url: earningClaims.url, createdAt: earningClaims.createdAt })
      .from(earningClaims)
      .innerJoin(customers, eq(customers.id, earningClaims.customerId))
      .innerJoin(earningRules, eq(earningRules.id, earningClaims.ruleId))
      .where(eq(earningClaims.status, "pending"))
      .orderBy(asc(earningClaims.createdAt), asc(earningClaims.id))
      .limit(limit),
    db.select({ n: count() }).from(earningClaims).where(eq(earningClaims.status, "pending")),
  ]);
  return { items, total: n };
}

export type DecidedClaimItem = ClaimQueueItem & { status: ClaimStatus; decidedAt: Date | null; decisionReason: string | null };

/** Claims admins decided lately, newest first: what the last click did (a cap can turn an approval down). */
export async function listRecentlyDecidedClaims(limit = 10): Promise<DecidedClaimItem[]> {
  return db
    .select({
      id: earningClaims.id,
      email: customers.email,
      ruleId: earningClaims.ruleId,
      ruleName: earningRules.name,
      url: earningClaims.url,
      createdAt: earningClaims.createdAt,
      status: earningClaims.status,
      decidedAt: earningClaims.decidedAt,
      decisionReason: earningClaims.decisionReason,
    })
    .from(earningClaims)
    .innerJoin(customers, eq(customers.id, earningClaims.customerId))
    .innerJoin(earningRules, eq(earningRules.id, earningClaims.ruleId))
    .where(and(ne(earningClaims.status, "pending"), isNotNull(earningClaims.decidedBy)))
    .orderBy(desc(earningClaims.decidedAt))
    .limit(limit);
}
