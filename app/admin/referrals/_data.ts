import "server-only";
import { asc, count, desc, eq, inArray, like, sql, sum } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db";
import { pointPostings, referralClicks, referrals, users } from "@/db/schema";

/*
 * Read-only queries for the admin referral report. Writes go through the referral core
 * (lib/referrals); these only count what it recorded.
 */

const CONVERTED = ["qualified", "rewarded"] as const;

export type ProgramFunnel = { clicks: number; signups: number; conversions: number; pointsPaid: number; byStatus: Record<string, number> };

export async function programFunnel(): Promise<ProgramFunnel> {
  const [[clicks], statuses, [paid]] = await Promise.all([
    db.select({ n: count() }).from(referralClicks),
    db.select({ status: referrals.status, n: count() }).from(referrals).groupBy(referrals.status),
    // referral:<id> is the posting key of a referrer reward (and its voids); the sum is what is still granted.
    db.select({ points: sum(pointPostings.points).mapWith(Number) }).from(pointPostings).where(like(pointPostings.key, "referral:%")),
  ]);
  const byStatus = Object.fromEntries(statuses.map((row) => [row.status, row.n]));
  // Blocked referrals (self-referrals) never count as sign-ups, as in the member's own funnel.
  const signups = statuses.reduce((total, row) => total + (row.status === "blocked" ? 0 : row.n), 0);
  const conversions = CONVERTED.reduce((total, status) => total + (byStatus[status] ?? 0), 0);
  return { clicks: clicks.n, signups, conversions, pointsPaid: paid?.points ?? 0, byStatus };
}

export type TopReferrer = { userId: string; name: string | null; email: string; signups: number; conversions: number };

export async function topReferrers(limit = 10): Promise<TopReferrer[]> {
  const conversions = sql<number>`count(*) filter (where ${inArray(referrals.status, [...CONVERTED])})`.mapWith(Number);
  return db
    .select({ userId: users.id, name: users.name, email: users.email, signups: count(), conversions })
    .from(referrals)
    .innerJoin(users, eq(users.id, referrals.referrerUserId))
    .groupBy(users.id)
    .orderBy(desc(conversions), desc(count()), asc(users.email))
    .limit(limit);
}

export type FlaggedReferral = { id: string; reason: string | null; code: string; createdAt: Date; referrerEmail: string; refereeEmail: string };

export async function flaggedReferrals(limit = 50): Promise<FlaggedReferral[]> {
  const referee = alias(users, "referee");
  return db
    .select({ id: referrals.id, reason: referrals.reason, code: referrals.code, createdAt: referrals.createdAt, referrerEmail: users.email, refereeEmail: referee.email })
    .from(referrals)
    .innerJoin(users, eq(users.id, referrals.referrerUserId))
    .innerJoin(referee, eq(referee.id, referrals.refereeUserId))
    .where(eq(referrals.status, "flagged"))
    .orderBy(asc(referrals.createdAt))
    .limit(limit);
}
