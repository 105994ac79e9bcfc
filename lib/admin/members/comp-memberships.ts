import "server-only";
import { and, eq, inArray, isNotNull, lte, sql, type SQL } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { customers, membershipHistory, memberships, plans, users, type Membership } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { getLiveMembership, LIVE_STATUSES } from "@/lib/billing/memberships";
import { formatDate } from "@/lib/format";
import { withLedgerRetry } from "@/lib/ledger/post";
import { recomputeTier } from "@/lib/tiers/tiers";
import { MAX_COMP_DAYS, type GrantCompInput, type RevokeCompInput } from "./schemas";

/**
 * Complimentary memberships (Ghost's "comp"): an admin gives a member a paid plan until a date,
 * without Stripe. The row is an ordinary membership with source "admin_grant", status "active" and
 * current_period_end as its end, so every benefit (earn multiplier, % back, minimum tier,
 * member-only rewards) applies through getLiveMembership exactly as for a paid one. It grants no
 * bonus points (nothing was bought) and never qualifies a referral (not a paid membership).
 *
 * Grants, changes and revocations are audited in the same transaction; status changes get a
 * membership_history row. The daily job ends comps whose date has passed; getLiveMembership already
 * ignores them from that instant. A member has at most one live comp (a partial unique index), and
 * never a comp beside a live paid membership.
 */

export type CompOutcome = { membership: Membership; change: "granted" | "changed" | "unchanged" };

const LIVE = [...LIVE_STATUSES];

/** Serialises membership changes for one member inside the transaction (grants from two tabs). */
async function lockMember(tx: Tx, userId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`membership:${userId}`}))`);
}

/** Ends this member's live comps whose end has passed (the daily job does the same for everyone). */
async function endExpiredFor(tx: Tx, where: SQL, now: Date): Promise<Membership[]> {
  const ended = await tx
    .update(memberships)
    .set({ status: "canceled", endedAt: sql`${memberships.currentPeriodEnd}`, updatedAt: sql`now()` })
    .where(and(eq(memberships.source, "admin_grant"), inArray(memberships.status, LIVE), isNotNull(memberships.currentPeriodEnd), lte(memberships.currentPeriodEnd, now), where))
    .returning();
  if (ended.length) {
    await tx.insert(membershipHistory).values(ended.map((m) => ({ membershipId: m.id, fromStatus: "active" as const, toStatus: "canceled" as const, reason: "comp_expired", createdAt: now })));
  }
  return ended;
}

function auditView(m: Pick<Membership, "planId" | "status" | "currentPeriodEnd">) {
  return { planId: m.planId, status: m.status, until: m.currentPeriodEnd?.toISOString() ?? null };
}

/** The customer id of a user, to recompute their tier after a plan floor came or went. */
async function customerIdOf(userId: string): Promise<string | null> {
  const [row] = await db.select({ id: customers.id }).from(customers).where(eq(customers.userId, userId));
  return row?.id ?? null;
}

async function recomputeAfter(userId: string, reason: string) {
  const customerId = await customerIdOf(userId);
  // The plan's minimum tier applies at once; a failure here is repaired by the nightly recompute.
  if (customerId) await recomputeTier(customerId, reason).catch((error) => console.error("[members] tier recompute failed", error));
}

/**
 * Gives `userId` a plan until `input.until`, or changes the plan or end date of the comp they
 * already have. Refused beside a live paid membership: the member already has those benefits, and
 * two live memberships would make "which one applies" a guess.
 */
export async function grantCompMembership(actorId: string, input: GrantCompInput, now: Date = new Date()): Promise<CompOutcome> {
  if (input.until <= now) throw new ActionError("Choose a last day from today on.", "invalid_input", { until: ["Choose a last day from today on."] });
  if (input.until.getTime() - now.getTime() > MAX_COMP_DAYS * 86_400_000) {
    throw new ActionError("A complimentary membership can last at most 10 years.", "invalid_input", { until: ["Choose a day within the next 10 years."] });
  }
  const outcome = await withLedgerRetry(() =>
    db.transaction(async (tx): Promise<CompOutcome> => {
      const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, input.userId));
      if (!user) throw new ActionError("That member doesn't exist any more. Go back to the members list.", "not_found");
      const [plan] = await tx.select().from(plans).where(eq(plans.id, input.planId));
      if (!plan || plan.kind === "free") throw new ActionError("Choose one of the paid plans.", "invalid_input", { planId: ["Choose one of the paid plans."] });
      await lockMember(tx, user.id);
      await endExpiredFor(tx, eq(memberships.userId, user.id), now);

      const live = await getLiveMembership(user.id, tx);
      if (live && live.source !== "admin_grant") {
        throw new ActionError(
          `${user.email} already has a paid ${live.plan.name} membership. A complimentary one can be granted after it ends.`,
          "conflict",
        );
      }
      if (live) {
        if (live.planId === plan.id && live.currentPeriodEnd?.getTime() === input.until.getTime()) return { membership: live, change: "unchanged" };
        const [changed] = await tx
          .update(memberships)
          .set({ planId: plan.id, currentPeriodEnd: input.until, updatedAt: sql`now()` })
          .where(eq(memberships.id, live.id))
          .returning();
        await writeAudit(tx, { actorId, action: "membership.comp_changed", entityType: "membership", entityId: live.id, before: auditView(live), after: auditView(changed), reason: input.reason });
        return { membership: changed, change: "changed" };
      }
      const [granted] = await tx
        .insert(memberships)
        .values({ userId: user.id, planId: plan.id, status: "active", source: "admin_grant", currentPeriodEnd: input.until, cancelAtPeriodEnd: true, startedAt: now })
        .returning();
      await tx.insert(membershipHistory).values({ membershipId: granted.id, fromStatus: null, toStatus: "active", reason: "comp_granted", createdAt: now });
      await writeAudit(tx, { actorId, action: "membership.comp_granted", entityType: "membership", entityId: granted.id, before: null, after: auditView(granted), reason: input.reason });
      return { membership: granted, change: "granted" };
    }),
  );
  if (outcome.change !== "unchanged") await recomputeAfter(input.userId, "comp_membership");
  return outcome;
}

/** Ends a complimentary membership now. Paid memberships end through Stripe (cancel or refund), never here. */
export async function revokeCompMembership(actorId: string, input: RevokeCompInput, now: Date = new Date()): Promise<Membership> {
  const revoked = await withLedgerRetry(() =>
    db.transaction(async (tx) => {
      const [found] = await tx.select().from(memberships).where(eq(memberships.id, input.membershipId));
      if (!found) throw new ActionError("That membership doesn't exist any more. Reload the page.", "not_found");
      if (found.source !== "admin_grant") throw new ActionError("Only complimentary memberships can be ended here; paid ones are managed in Stripe.", "conflict");
      await lockMember(tx, found.userId);
      const [current] = await tx.select().from(memberships).where(eq(memberships.id, found.id)).for("update");
      if (!LIVE.includes(current.status as (typeof LIVE)[number])) {
        const when = current.endedAt ? ` on ${formatDate(current.endedAt)}` : "";
        throw new ActionError(`This complimentary membership already ended${when}.`, "conflict");
      }
      const [ended] = await tx
        .update(memberships)
        .set({ status: "canceled", endedAt: now, updatedAt: sql`now()` })
        .where(eq(memberships.id, current.id))
        .returning();
      await tx.insert(membershipHistory).values({ membershipId: ended.id, fromStatus: current.status, toStatus: "canceled", reason: "comp_revoked", createdAt: now });
      await writeAudit(tx, { actorId, action: "membership.comp_revoked", entityType: "membership", entityId: ended.id, before: auditView(current), after: auditView(ended), reason: input.reason });
      return ended;
    }),
  );
  await recomputeAfter(revoked.userId, "comp_membership");
  return revoked;
}

/**
 * The daily job's step: complimentary memberships whose end date has passed become "canceled"
 * (ended at that date), each with a membership_history row. Idempotent: a second run finds none.
 * The tier step after it lets the plan's minimum tier go (with the usual grace).
 */
export async function endExpiredCompMemberships(now: Date = new Date()): Promise<{ ended: number }> {
  // memberships_comp_end_idx (current_period_end) where source = 'admin_grant' and live
  const ended = await db.transaction((tx) => endExpiredFor(tx, sql`true`, now));
  return { ended: ended.length };
}
