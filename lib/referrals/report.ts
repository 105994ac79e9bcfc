import "server-only";
import { and, asc, count, desc, eq, inArray, like, notLike, sql, sum } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db";
import { pointPostings, referralClicks, referrals, users } from "@/db/schema";

/*
 * Read-only queries for the admin referral report. Writes go through the referral core
 * (lib/referrals); these only count what it recorded.
 */

const CONVERTED = ["qualified", "rewarded"] as const;

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];

export type ProgramFunnel = {
  clicks: number;
  signups: number;
  conversions: number;
  /** Net points posted to referrers (grants after voids and clawbacks). */
  pointsPaid: number;
  /** Welcome bonuses posted to invited friends (points mode). */
  welcomePoints: number;
  byStatus: Record<string, number>;
};

export async function programFunnel(): Promise<ProgramFunnel> {
  const [[clicks], statuses, [paid], [welcome]] = await Promise.all([
    db.select({ n: count() }).from(referralClicks),
    db.select({ status: referrals.status, n: count() }).from(referrals).groupBy(referrals.status),
    // referral:<id> is the posting key of a referrer reward (and :void, :clawback); the sum is what is still granted.
    db
      .select({ points: sum(pointPostings.points).mapWith(Number) })
      .from(pointPostings)
      .where(and(like(pointPostings.key, "referral:%"), notLike(pointPostings.key, "referral:%:referee"))),
    // referral:<id>:referee is the friend's welcome bonus (lib/referrals/welcome.ts).
    db.select({ points: sum(pointPostings.points).mapWith(Number) }).from(pointPostings).where(like(pointPostings.key, "referral:%:referee")),
  ]);
  const byStatus = Object.fromEntries(statuses.map((row) => [row.status, row.n]));
  // Blocked referrals (self-referrals) never count as sign-ups, as in the member's own funnel.
  const signups = statuses.reduce((total, row) => total + (row.status === "blocked" ? 0 : row.n), 0);
  const conversions = CONVERTED.reduce((total, status) => total + (byStatus[status] ?? 0), 0);
  return { clicks: clicks.n, signups, conversions, pointsPaid: paid?.points ?? 0, welcomePoints: welcome?.points ?? 0, byStatus };
}

export type ReferralRevenue = {
  /** Sum of the qualifying payments of converted referrals, integer cents. */
  cents: number;
  /** Converted referrals counted. */
  payments: number;
  /** Of those, how many had no recorded amount and count at their plan's list price. */
  estimated: number;
};

/**
 * Revenue from referred members: for each converted referral (qualified or rewarded — a refunded
 * or disputed payment voids its referral, so it drops out), the payment that qualified it, i.e. the
 * friend's first paid membership. The amount is the one recorded at qualification
 * (`qualifying_amount_cents`, after the referral discount); where none was recorded, the list
 * price of the friend's first paid plan stands in and is counted in `estimated`. Renewals after
 * the first payment are not included: the app keeps no local record of invoice amounts.
 */
export async function referralRevenue(): Promise<ReferralRevenue> {
  const [row] = rowsOf<{ cents: string | number | null; payments: number; estimated: number }>(
    await db.execute(sql`
      select coalesce(sum(coalesce(r.qualifying_amount_cents, first_paid.price_cents)), 0)::bigint as cents,
             count(*)::int as payments,
             count(*) filter (where r.qualifying_amount_cents is null)::int as estimated
      from referrals r
      left join lateral (
        -- the friend's first paid membership: the Lifetime purchase the referral names, else the earliest from Stripe
        select p.price_cents from memberships m join plans p on p.id = m.plan_id
        where m.user_id = r.referee_user_id and m.source = 'stripe'
        order by (m.stripe_checkout_session_id is not distinct from r.qualifying_reference) desc, m.started_at asc
        limit 1
      ) first_paid on true
      where r.status in ('qualified', 'rewarded') -- CONVERTED`),
  );
  return { cents: Number(row?.cents ?? 0), payments: row?.payments ?? 0, estimated: row?.estimated ?? 0 };
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
