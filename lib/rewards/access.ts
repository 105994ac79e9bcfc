import "server-only";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { customerTiers, customers, tiers, type Reward } from "@/db/schema";
import { getLiveMembership } from "@/lib/billing/memberships";

export type MemberStanding = { tierId: string; tierRank: number; paid: boolean };

/** The member's tier rank (Bronze 0 …) and whether a paid plan is live: what gating checks. */
export async function memberStanding(conn: Db | Tx, customerId: string): Promise<MemberStanding> {
  const [row] = await conn
    .select({ tierId: customerTiers.tierId, rank: tiers.sortOrder, userId: customers.userId })
    .from(customers)
    .leftJoin(customerTiers, eq(customerTiers.customerId, customers.id))
    .leftJoin(tiers, eq(tiers.id, customerTiers.tierId))
    .where(eq(customers.id, customerId));
  const live = row?.userId ? await getLiveMembership(row.userId, conn) : null;
  return { tierId: row?.tierId ?? "bronze", tierRank: row?.rank ?? 0, paid: !!live };
}

export type Availability =
  | { open: true }
  | { open: false; reason: "not_published" | "ended" | "early_access"; opensAt?: Date }
  | { open: false; reason: "tier_locked"; tierId: string }
  | { open: false; reason: "members_only" };

/**
 * Whether a member may redeem a reward now: its window, early access for higher tiers or paid
 * members, a minimum tier, paid-members-only. Pure, so the catalog shows the same answer the
 * server enforces.
 */
export function rewardAvailability(reward: Pick<Reward, "publishAt" | "unpublishAt" | "minTierId" | "paidMembersOnly" | "earlyAccessDays" | "earlyAccessTierId">, standing: MemberStanding, tierRanks: Record<string, number>, now: Date): Availability {
  if (reward.unpublishAt && now >= reward.unpublishAt) return { open: false, reason: "ended" };
  if (reward.publishAt && now < reward.publishAt) {
    const earlyFrom = new Date(reward.publishAt.getTime() - reward.earlyAccessDays * 86_400_000);
    const early = reward.earlyAccessDays > 0 && (standing.paid || (reward.earlyAccessTierId !== null && standing.tierRank >= (tierRanks[reward.earlyAccessTierId] ?? Infinity)));
    if (!early) return { open: false, reason: "not_published", opensAt: reward.publishAt };
    if (now < earlyFrom) return { open: false, reason: "early_access", opensAt: earlyFrom };
  }
  if (reward.minTierId && standing.tierRank < (tierRanks[reward.minTierId] ?? Infinity)) return { open: false, reason: "tier_locked", tierId: reward.minTierId };
  if (reward.paidMembersOnly && !standing.paid) return { open: false, reason: "members_only" };
  return { open: true };
}
