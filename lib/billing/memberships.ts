import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { membershipHistory, memberships, plans, type Membership, type MembershipStatus, type NewMembership, type Plan } from "@/db/schema";

/** Statuses that carry a paid plan's benefits. past_due keeps them while Stripe retries the card. */
export const LIVE_STATUSES = ["trialing", "active", "past_due"] as const satisfies MembershipStatus[];

export function hasPaidBenefits(status: MembershipStatus): boolean {
  return (LIVE_STATUSES as readonly MembershipStatus[]).includes(status);
}

export type MembershipWithPlan = Membership & { plan: Plan };

/**
 * A complimentary membership (an admin's grant) ends at its current_period_end: past it, it carries
 * no benefits even before the daily job marks it ended (lib/admin/members/comp-memberships.ts).
 */
const compNotExpired = sql`not (${memberships.source} = 'admin_grant' and ${memberships.currentPeriodEnd} is not null and ${memberships.currentPeriodEnd} <= now())`;

/** The membership whose benefits a user has now (newest first), or null for a free member. Paid and complimentary alike. */
export async function getLiveMembership(userId: string, conn: Db | Tx = db): Promise<MembershipWithPlan | null> {
  const [row] = await conn
    .select({ membership: memberships, plan: plans })
    .from(memberships)
    .innerJoin(plans, eq(plans.id, memberships.planId))
    .where(and(eq(memberships.userId, userId), inArray(memberships.status, [...LIVE_STATUSES]), compNotExpired))
    .orderBy(desc(memberships.startedAt))
    .limit(1);
  return row ? { ...row.membership, plan: row.plan } : null;
}

/** The most recent membership of any status (for "ended on …" and "refunded" states). */
export async function getLatestMembership(userId: string, conn: Db | Tx = db): Promise<MembershipWithPlan | null> {
  const live = await getLiveMembership(userId, conn);
  if (live) return live;
  const [row] = await conn
    .select({ membership: memberships, plan: plans })
    .from(memberships)
    .innerJoin(plans, eq(plans.id, memberships.planId))
    .where(eq(memberships.userId, userId))
    .orderBy(desc(memberships.updatedAt))
    .limit(1);
  return row ? { ...row.membership, plan: row.plan } : null;
}

export type MembershipKey = { stripeSubscriptionId: string } | { stripePaymentIntentId: string };

export type MembershipWrite = Omit<NewMembership, "id" | "startedAt" | "updatedAt" | "lastEventId">;

export type MembershipChange = { membership: Membership; from: MembershipStatus | null; to: MembershipStatus; created: boolean };

/**
 * Creates or updates the membership identified by its Stripe object, recording a history row when
 * the status changes. The caller holds the billing lock for that object (see process-event.ts).
 */
export async function upsertMembership(tx: Tx, key: MembershipKey, values: MembershipWrite, cause: { eventId: string | null; reason: string }): Promise<MembershipChange> {
  const where = "stripeSubscriptionId" in key ? eq(memberships.stripeSubscriptionId, key.stripeSubscriptionId) : eq(memberships.stripePaymentIntentId, key.stripePaymentIntentId);
  const [existing] = await tx.select().from(memberships).where(where).for("update");
  let membership: Membership;
  if (existing) {
    [membership] = await tx
      .update(memberships)
      .set({ ...values, lastEventId: cause.eventId ?? existing.lastEventId, updatedAt: sql`now()` })
      .where(eq(memberships.id, existing.id))
      .returning();
  } else {
    [membership] = await tx
      .insert(memberships)
      .values({ ...values, ...key, lastEventId: cause.eventId })
      .returning();
  }
  const from = existing?.status ?? null;
  if (from !== membership.status) {
    await tx.insert(membershipHistory).values({ membershipId: membership.id, fromStatus: from, toStatus: membership.status, stripeEventId: cause.eventId, reason: cause.reason });
  }
  return { membership, from, to: membership.status, created: !existing };
}
