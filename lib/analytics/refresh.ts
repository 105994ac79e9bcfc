import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { analyticsRefreshes } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import { STOCK_METRICS, type DailyMetric } from "./metrics";
import { dayOf } from "./periods";

/*
 * Rebuilds the analytics rollups (docs/decisions/0008-analytics.md). One transaction: readers keep
 * seeing the previous figures until it commits, and an advisory lock makes a second refresh (the
 * daily job and an admin's "Refresh now") wait instead of colliding on the primary keys. Every
 * query counts events before `now`, so a refresh describes one moment. The heavy scans (orders,
 * postings) run here, at night, never on page load.
 */

/** A grouped query whose aggregates become analytics_daily rows (one per metric, day and dimension, zeros left out). */
type DailySource = {
  /** The UTC day an event counts on. */
  day: SQL;
  /** A plan or reward id; '' when the metric has none. */
  dimension?: SQL;
  /** `from … where …`, without grouping. */
  from: SQL;
  metrics: Partial<Record<DailyMetric, SQL>>;
};

const utcDay = (column: SQL) => sql`(${column} at time zone 'UTC')::date`;

function insertDaily(source: DailySource): SQL {
  const entries = Object.entries(source.metrics) as [DailyMetric, SQL][];
  const aggregates = entries.map(([, aggregate], i) => sql`coalesce(${aggregate}, 0)::bigint as ${sql.raw(`v${i}`)}`);
  const unpivot = entries.map(([metric], i) => sql`(${metric}::text, s.${sql.raw(`v${i}`)})`);
  return sql`
    insert into analytics_daily (metric, day, dimension, value)
    select v.metric, s.day, s.dimension, v.value
    from (select ${source.day} as day, ${source.dimension ?? sql.raw("''::text")} as dimension, ${sql.join(aggregates, sql`, `)} ${source.from} group by 1, 2) s
    cross join lateral (values ${sql.join(unpivot, sql`, `)}) as v(metric, value)
    where v.value <> 0`;
}

function dailySources(now: Date): DailySource[] {
  const at = sql`${now.toISOString()}::timestamptz`;
  // Recurring Stripe memberships with the moment each first became paying (its first "active" status).
  const recurring = sql`
    from memberships m
    join plans p on p.id = m.plan_id
    left join (
      select membership_id, min(created_at) filter (where to_status = 'active') as paid_at
      from membership_history where created_at < ${at} group by membership_id
    ) h on h.membership_id = m.id
    where m.source = 'stripe' and p.kind = 'recurring' and m.started_at < ${at}`;
  const notFullyRefunded = sql`o.refunded_cents < o.total_cents`;
  const returned = (days: number) =>
    sql`count(*) filter (where f.redeemed_at <= ${at} - ${sql.raw(`interval '${days} days'`)} and exists (
      select 1 from orders o where o.customer_id = f.customer_id and ${notFullyRefunded}
        and o.placed_at > f.redeemed_at and o.placed_at <= f.redeemed_at + ${sql.raw(`interval '${days} days'`)} and o.placed_at < ${at}))`;
  const matured = (days: number) => sql`count(*) filter (where f.redeemed_at <= ${at} - ${sql.raw(`interval '${days} days'`)})`;

  return [
    {
      day: utcDay(sql`u.created_at`),
      from: sql`from users u where u.role = 'member' and u.created_at < ${at}`,
      metrics: { new_members: sql`count(*)` },
    },
    {
      // trials, by the day they started
      day: utcDay(sql`m.started_at`),
      from: sql`${recurring} and m.trial_end is not null`,
      metrics: {
        trials_started: sql`count(*)`,
        trials_decided: sql`count(*) filter (where h.paid_at is not null or m.trial_end <= ${at} or m.ended_at <= ${at})`,
        trials_converted: sql`count(*) filter (where h.paid_at is not null)`,
      },
    },
    {
      day: utcDay(sql`h.paid_at`),
      from: sql`${recurring} and h.paid_at is not null`,
      metrics: { paid_starts: sql`count(*)` },
    },
    {
      day: utcDay(sql`m.ended_at`),
      from: sql`${recurring} and h.paid_at is not null and m.ended_at < ${at}`,
      metrics: { paid_ends: sql`count(*)` },
    },
    {
      // Lifetime purchases that were paid (refunded and disputed ones were paid once), by purchase day.
      day: utcDay(sql`m.started_at`),
      from: sql`from memberships m join plans p on p.id = m.plan_id
        where m.source = 'stripe' and p.kind = 'one_time' and m.status in ('active', 'refunded', 'disputed') and m.started_at < ${at}`,
      metrics: {
        lifetime_purchases: sql`count(*)`,
        lifetime_revenue_cents: sql`sum(p.price_cents) filter (where m.status = 'active')`,
        lifetime_reversed: sql`count(*) filter (where m.status <> 'active')`,
      },
    },
    {
      day: utcDay(sql`pp.created_at`),
      from: sql`from point_postings pp where pp.kind in ('earn', 'redeem', 'refund') and pp.created_at < ${at}`,
      metrics: {
        points_earned: sql`sum(pp.points) filter (where pp.kind = 'earn')`,
        // spent on rewards, minus points given back when a redemption was cancelled
        points_redeemed: sql`coalesce(sum(-pp.points) filter (where pp.kind = 'redeem'), 0) - coalesce(sum(pp.points) filter (where pp.kind = 'refund'), 0)`,
      },
    },
    {
      day: utcDay(sql`r.created_at`),
      dimension: sql`r.reward_id::text`,
      from: sql`from redemptions r where r.status <> 'cancelled' and r.created_at < ${at}`,
      metrics: { reward_redemptions: sql`count(*)`, reward_points: sql`sum(r.points_cost)` },
    },
    {
      // each member's first discount redemption, and whether they ordered again within 30 / 90 days
      day: utcDay(sql`f.redeemed_at`),
      from: sql`from (
          select r.customer_id, min(r.created_at) as redeemed_at
          from redemptions r join rewards w on w.id = r.reward_id
          where w.kind = 'discount' and r.status <> 'cancelled' and r.created_at < ${at}
          group by r.customer_id
        ) f`,
      metrics: {
        reward_return_members: sql`count(*)`,
        reward_return_matured_30: matured(30),
        reward_return_30: returned(30),
        reward_return_matured_90: matured(90),
        reward_return_90: returned(90),
      },
    },
    {
      day: utcDay(sql`s.starts_at`),
      from: sql`from experience_sessions s where s.status = 'scheduled' and s.created_at < ${at}`,
      metrics: { session_seats: sql`sum(s.capacity)`, session_booked: sql`sum(s.booked)` },
    },
    {
      // bookings of sessions that are over: who came (checked in) and who did not
      day: utcDay(sql`s.starts_at`),
      from: sql`from redemptions r join experience_sessions s on s.id = r.session_id left join tickets t on t.redemption_id = r.id
        where r.status <> 'cancelled' and s.status = 'scheduled' and s.ends_at <= ${at}`,
      metrics: {
        session_attendance_due: sql`count(*)`,
        session_no_shows: sql`count(*) filter (where t.checked_in_at is null or t.checked_in_at >= ${at})`,
      },
    },
    {
      day: utcDay(sql`c.created_at`),
      from: sql`from referral_clicks c where c.created_at < ${at}`,
      metrics: { referral_clicks: sql`count(*)` },
    },
    {
      day: utcDay(sql`r.created_at`),
      from: sql`from referrals r where r.status <> 'blocked' and r.created_at < ${at}`,
      metrics: { referral_signups: sql`count(*)` },
    },
    {
      day: utcDay(sql`r.qualified_at`),
      from: sql`from referrals r where r.status in ('qualified', 'rewarded') and r.qualified_at < ${at}`,
      metrics: { referral_paid: sql`count(*)` },
    },
    {
      day: utcDay(sql`i.answered_at`),
      from: sql`from survey_invitations i where i.answered_at < ${at}`,
      metrics: {
        nps_responses: sql`count(*)`,
        nps_promoters: sql`count(*) filter (where i.score >= 9)`,
        nps_passives: sql`count(*) filter (where i.score between 7 and 8)`,
        nps_detractors: sql`count(*) filter (where i.score <= 6)`,
      },
    },
  ];
}

/** Paid and trialing members and MRR per plan, now: written for the refresh's day and kept, so history builds up. */
function stockSource(now: Date): DailySource {
  const at = sql`${now.toISOString()}::timestamptz`;
  const paying = sql`m.status in ('active', 'past_due')`;
  return {
    day: sql`${dayOf(now)}::date`,
    dimension: sql`p.id`,
    from: sql`from memberships m join plans p on p.id = m.plan_id
      where m.source = 'stripe' and p.kind <> 'free' and m.status in ('trialing', 'active', 'past_due') and m.started_at < ${at}`,
    metrics: {
      paid_members: sql`count(*) filter (where ${paying})`,
      trialing_members: sql`count(*) filter (where m.status = 'trialing')`,
      // the monthly equivalent of paying subscriptions: an annual price counts a twelfth
      mrr_cents: sql`round(sum(case when p.kind = 'recurring' and ${paying} then p.price_cents / (case when p.interval = 'year' then 12.0 else 1.0 end) end))`,
    },
  };
}

/** Months as integers (year·12 + month − 1), so "months since" is a subtraction (date_part: float, cheaper than extract's numeric). */
const monthIndex = (column: SQL) => sql`(date_part('year', ${column} at time zone 'UTC')::int * 12 + date_part('month', ${column} at time zone 'UTC')::int - 1)`;

/**
 * Sign-up cohorts × months since joining: cohort size, active members, purchasing members. Orders
 * and earn/redeem postings of members become one stream, folded to one row per member and month
 * (active; purchasing if any of it was an order), then counted per cohort and offset.
 */
function cohortsInsert(now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  const nowMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return sql`
    with members as (
      select u.id as user_id, ${monthIndex(sql`u.created_at`)} as cohort
      from users u where u.role = 'member' and u.created_at < ${at}
    ),
    sizes as (select cohort, count(*)::int as members from members group by cohort),
    member_customers as (select c.id as customer_id, m.cohort from members m join customers c on c.user_id = m.user_id),
    events as (
      select o.customer_id, ${monthIndex(sql`o.placed_at`)} as month, true as purchase
      from orders o where o.placed_at < ${at} and o.refunded_cents < o.total_cents
      union all
      select pp.customer_id, ${monthIndex(sql`pp.created_at`)}, false
      from point_postings pp where pp.kind in ('earn', 'redeem') and pp.created_at < ${at}
    ),
    member_months as (
      select mc.cohort, e.month - mc.cohort as k, bool_or(e.purchase) as purchased
      from events e join member_customers mc on mc.customer_id = e.customer_id
      where e.month >= mc.cohort
      group by e.customer_id, mc.cohort, e.month
    ),
    counts as (
      select cohort, k, count(*)::int as active, (count(*) filter (where purchased))::int as purchasing
      from member_months group by cohort, k
    )
    insert into analytics_cohorts (cohort_month, months_since, members, active, purchasing)
    select make_date(s.cohort / 12, s.cohort % 12 + 1, 1), g.k, s.members, coalesce(c.active, 0), coalesce(c.purchasing, 0)
    from sizes s
    cross join lateral generate_series(0, ${nowMonth}::int - s.cohort) as g(k)
    left join counts c on c.cohort = s.cohort and c.k = g.k`;
}

/** Per customer: orders and net revenue, all time and in the 12 months before `now`; summed per segment. */
function purchaseStatsInsert(now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  const yearAgo = sql`${at} - interval '12 months'`;
  const net = sql`o.total_cents - o.refunded_cents`;
  return sql`
    with per_customer as (
      select o.customer_id,
        count(*) as orders_all,
        sum(${net}) as revenue_all,
        count(*) filter (where o.placed_at >= ${yearAgo}) as orders_12m,
        coalesce(sum(${net}) filter (where o.placed_at >= ${yearAgo}), 0) as revenue_12m
      from orders o
      where o.placed_at < ${at} and o.refunded_cents < o.total_cents
      group by o.customer_id
    )
    insert into analytics_purchase_stats (period, segment, population, customers, repeat_customers, orders, revenue_cents)
    select p.period, s.segment, count(*)::int, (count(*) filter (where p.orders > 0))::int, (count(*) filter (where p.orders > 1))::int,
      coalesce(sum(p.orders), 0)::bigint, coalesce(sum(p.revenue), 0)::bigint
    from customers c
    left join per_customer pc on pc.customer_id = c.id
    cross join lateral (values
      ('all', coalesce(pc.orders_all, 0), coalesce(pc.revenue_all, 0)),
      ('12m', coalesce(pc.orders_12m, 0), coalesce(pc.revenue_12m, 0))
    ) as p(period, orders, revenue)
    cross join lateral (values
      (case when c.user_id is null then 'non_member' else 'member' end),
      (c.experiment_group::text)
    ) as s(segment)
    where c.created_at < ${at} and s.segment is not null
    group by p.period, s.segment`;
}

const list = (names: readonly string[]) => sql.join(names.map((name) => sql`${name}`), sql`, `);

export type RefreshResult = { asOf: Date; durationMs: number };

/** The rebuild itself, inside the caller's transaction. */
async function rebuild(tx: Tx, now: Date): Promise<RefreshResult> {
  const started = Date.now();
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cairn:analytics-refresh'))`);
  // The big grouped scans below run once a night: let them sort and hash in memory rather than on disk.
  await tx.execute(sql`set local work_mem = '256MB'`);
  await tx.execute(sql`delete from analytics_daily where metric not in (${list(STOCK_METRICS)}) or day = ${dayOf(now)}::date`);
  for (const source of [...dailySources(now), stockSource(now)]) await tx.execute(insertDaily(source));
  await tx.execute(sql`delete from analytics_cohorts`);
  await tx.execute(cohortsInsert(now));
  await tx.execute(sql`delete from analytics_purchase_stats`);
  await tx.execute(purchaseStatsInsert(now));
  const durationMs = Date.now() - started;
  await tx.insert(analyticsRefreshes).values({ asOf: now, durationMs });
  return { asOf: now, durationMs };
}

/**
 * Rebuilds every rollup as of `now` (the daily job calls it). Flows and the per-segment and cohort
 * tables are replaced; stock metrics are replaced for `now`'s day only.
 */
export async function refreshAnalytics(conn: Db = db, now: Date = new Date()): Promise<void> {
  await conn.transaction((tx) => rebuild(tx, now));
}

/** An admin's "Refresh now": the same rebuild, with its audit row in the same transaction. */
export async function refreshAnalyticsFor(actorId: string, now: Date = new Date()): Promise<RefreshResult> {
  return db.transaction(async (tx) => {
    const result = await rebuild(tx, now);
    await writeAudit(tx, { actorId, action: "analytics.refresh", entityType: "analytics", entityId: null, after: { asOf: result.asOf.toISOString(), durationMs: result.durationMs } });
    return result;
  });
}
