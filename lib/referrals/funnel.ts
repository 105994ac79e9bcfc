import "server-only";
import { and, count, desc, eq, inArray, like, sql } from "drizzle-orm";
import { db } from "@/db";
import { customers, pointPostings, referralClicks, referralCodes, referrals, users, type Referral } from "@/db/schema";

export type FunnelReferral = {
  id: string;
  /** The friend's first name only (the referrer sees who joined, not their identity); null if unknown. */
  name: string | null;
  status: Referral["status"];
  source: Referral["source"];
  createdAt: Date;
  qualifiedAt: Date | null;
  /** When the reward's points become spendable (null until qualified). */
  rewardAvailableAt: Date | null;
};

export type ReferralFunnel = {
  clicks: number;
  signups: number;
  paid: number;
  /** Net referral points posted to the referrer (pending and available, after voids and clawbacks). */
  pointsEarned: number;
  referrals: FunnelReferral[];
};

/** The referrer's funnel: link clicks → sign-ups → paid, the points, and each referral. */
export async function referralFunnel(userId: string): Promise<ReferralFunnel> {
  const [{ clicks }] = await db
    .select({ clicks: count() })
    .from(referralClicks)
    .innerJoin(referralCodes, eq(referralCodes.code, referralClicks.code))
    .where(eq(referralCodes.userId, userId));
  const rows = await db
    .select({ referral: referrals, name: users.name })
    .from(referrals)
    .innerJoin(users, eq(users.id, referrals.refereeUserId))
    .where(eq(referrals.referrerUserId, userId))
    .orderBy(desc(referrals.createdAt));
  const [customer] = await db.select({ id: customers.id }).from(customers).where(eq(customers.userId, userId));
  const ids = rows.map((r) => r.referral.id);
  let pointsEarned = 0;
  if (customer && ids.length) {
    const [sum] = await db
      .select({ points: sql<number>`coalesce(sum(${pointPostings.points}), 0)::int` })
      .from(pointPostings)
      .where(and(eq(pointPostings.customerId, customer.id), like(pointPostings.key, "referral:%"), inArray(sql`split_part(${pointPostings.key}, ':', 2)`, ids)));
    pointsEarned = sum.points;
  }
  const counted = rows.filter((r) => r.referral.status !== "blocked");
  return {
    clicks,
    signups: counted.length,
    paid: counted.filter((r) => r.referral.status === "qualified" || r.referral.status === "rewarded").length,
    pointsEarned,
    referrals: rows.map(({ referral: r, name }) => ({
      id: r.id,
      name: name?.trim().split(/\s+/)[0] || null,
      status: r.status,
      source: r.source,
      createdAt: r.createdAt,
      qualifiedAt: r.qualifiedAt,
      rewardAvailableAt: r.rewardAvailableAt,
    })),
  };
}
