import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import type { MembershipStatus, Role } from "@/db/schema";
import { LIVE_STATUSES } from "@/lib/billing/memberships";
import { asDate, asDateOrNull, escapeLike, microsKey, rowsOf, UUID_RE } from "./rows";
import { decodeCursor, encodeCursor, MEMBERS_PAGE_SIZE, parseJoinedRange, type JoinedRangeResult, type MemberKind, type MemberSearchInput } from "./schemas";

/**
 * The members list: one search box (email or name from the start, a whole word of the name, a
 * referral code, an id) and filters (plan, tier, membership status, joined from/to), newest first
 * in keyset pages of 25 — no OFFSET and no total count, so page 4,000 of a million members costs
 * what page 1 does.
 *
 * Each way of matching the box is its own indexed lookup (users_email_search_idx,
 * users_name_search_idx, users_name_words_idx, the referral_codes key), and their union is the
 * candidate set: an OR across them would make Postgres read every member. Without a search the
 * list walks users_created_at_idx newest first and stops at 26 rows.
 *
 * The plan and status filters match any of the member's memberships (one who lapsed and joined
 * again is found under both), so each is one indexed semi-join; "no membership" means none ever.
 * The membership shown is the current one: the live one if any (newest first), else the one that
 * started last.
 */

export type MemberListMembership = {
  planId: string;
  planName: string;
  status: MembershipStatus;
  source: "stripe" | "admin_grant";
  currentPeriodEnd: Date | null;
};

export type MemberListRow = {
  /** The profile's id: the user id, or the customer id for store-only customers. */
  profileId: string;
  userId: string | null;
  customerId: string | null;
  email: string;
  name: string | null;
  role: Role | null;
  joinedAt: Date;
  tierId: string;
  available: number;
  pending: number;
  membership: MemberListMembership | null;
};

export type MemberListPage = {
  rows: MemberListRow[];
  /** Cursors for the "Older" and "Newer" links, or null at either end. */
  older: string | null;
  newer: string | null;
  joined: JoinedRangeResult;
  /** Set when a filter cannot apply to what is listed (plans on store-only customers). */
  note: string | null;
};

type Row = {
  user_id: string | null;
  customer_id: string | null;
  email: string;
  name: string | null;
  role: Role | null;
  joined_at: Date | string;
  joined_key: string;
  tier_id: string;
  available: number | string;
  pending: number | string;
  plan_id: string | null;
  plan_name: string | null;
  status: MembershipStatus | null;
  source: "stripe" | "admin_grant" | null;
  current_period_end: Date | string | null;
};

const live = sql.raw(LIVE_STATUSES.map((s) => `'${s}'`).join(", "));

function searchTerms(q: string) {
  const lower = q.toLowerCase();
  const words = lower.split(/\s+/).filter(Boolean).slice(0, 6);
  return {
    prefix: `${escapeLike(lower)}%`,
    words: sql`array[${sql.join(
      words.map((w) => sql`${w}`),
      sql`, `,
    )}]::text[]`,
    code: q.toUpperCase().replace(/\s+/g, ""),
    uuid: UUID_RE.test(q) ? q.toLowerCase() : null,
  };
}

function memberMatch(q: string): SQL {
  const t = searchTerms(q);
  // array(…) is computed once; the ids are then looked up by primary key, so the cost follows the
  // number of matches, not the number of members.
  return sql`u.id = any(array(
    select id from users where lower(email) like ${t.prefix}
    union select id from users where lower(name) like ${t.prefix}
    union select id from users where string_to_array(lower(name), ' ') @> ${t.words}
    union select user_id from referral_codes where code = ${t.code}
    union select id from users where id = ${q}
  ))`;
}

function customerMatch(q: string): SQL {
  const t = searchTerms(q);
  return sql`c.id = any(array(
    select id from customers where email like ${t.prefix}
    union select id from customers where lower(name) like ${t.prefix}
    ${t.uuid ? sql`union select id from customers where id = ${t.uuid}::uuid` : sql``}
  ))`;
}

function toRow(r: Row): MemberListRow {
  return {
    profileId: r.user_id ?? r.customer_id!,
    userId: r.user_id,
    customerId: r.customer_id,
    email: r.email,
    name: r.name,
    role: r.role,
    joinedAt: asDate(r.joined_at),
    tierId: r.tier_id,
    available: Number(r.available),
    pending: Number(r.pending),
    membership:
      r.plan_id && r.status && r.source
        ? { planId: r.plan_id, planName: r.plan_name ?? r.plan_id, status: r.status, source: r.source, currentPeriodEnd: asDateOrNull(r.current_period_end) }
        : null,
  };
}

/** One page of the list. `lowestTierId` is what a customer without a tier row holds. */
export async function searchMembers(input: MemberSearchInput, lowestTierId: string, conn: Db | Tx = db): Promise<MemberListPage> {
  const joined = parseJoinedRange(input.from, input.to);
  const range = joined.ok ? joined.range : { from: null, toExclusive: null };
  const backwards = !!input.before && !input.after;
  const cursor = input.after ?? input.before ?? null;
  const kind: MemberKind = input.who;
  const empty = (note: string | null): MemberListPage => ({ rows: [], older: null, newer: null, joined, note });

  const filters: SQL[] = [];
  let query: SQL;
  if (kind === "customers") {
    // Customers known only from store orders have no membership: a plan or status filter matches none of them.
    if ((input.plan && input.plan !== "none") || input.status) return empty("Store-only customers have no membership, so the plan and status filters match none of them.");
    filters.push(sql`c.user_id is null`);
    if (input.q) filters.push(customerMatch(input.q));
    if (input.tier) {
      const held = sql`select 1 from customer_tiers t where t.customer_id = c.id`;
      filters.push(input.tier === lowestTierId ? sql`not exists (${held} and t.tier_id <> ${input.tier})` : sql`exists (${held} and t.tier_id = ${input.tier})`);
    }
    if (range.from) filters.push(sql`c.created_at >= ${range.from.toISOString()}`);
    if (range.toExclusive) filters.push(sql`c.created_at < ${range.toExclusive.toISOString()}`);
    if (cursor) {
      const { at, id } = decodeCursor(cursor);
      if (!UUID_RE.test(id)) return empty(null);
      filters.push(backwards ? sql`(c.created_at, c.id) > (${at}::timestamptz, ${id}::uuid)` : sql`(c.created_at, c.id) < (${at}::timestamptz, ${id}::uuid)`);
    }
    // customers_store_only_idx (created_at, id) where user_id is null
    query = sql`
      select null as user_id, c.id as customer_id, c.email, c.name, null as role, c.created_at as joined_at, ${microsKey(sql`c.created_at`)} as joined_key,
        coalesce(ct.tier_id, ${lowestTierId}) as tier_id, coalesce(pb.available, 0) as available, coalesce(pb.pending, 0) as pending,
        null as plan_id, null as plan_name, null as status, null as source, null as current_period_end
      from customers c
      left join customer_tiers ct on ct.customer_id = c.id
      left join point_balances pb on pb.customer_id = c.id
      where ${sql.join(filters, sql` and `)}
      order by c.created_at ${backwards ? sql`asc` : sql`desc`}, c.id ${backwards ? sql`asc` : sql`desc`}
      limit ${MEMBERS_PAGE_SIZE + 1}`;
  } else {
    // The filters run on users alone, newest first, and stop at 26 rows; the details (customer,
    // tier, balance, current membership) are joined for those rows only.
    if (input.q) filters.push(memberMatch(input.q));
    if (input.plan === "none") filters.push(sql`not exists (select 1 from memberships m where m.user_id = u.id)`);
    else if (input.plan || input.status) {
      // memberships_user_idx per row when the match is common; memberships_plan_idx or
      // memberships_status_plan_idx first when it is rare: the planner knows which from the stats.
      filters.push(
        sql`exists (select 1 from memberships m where m.user_id = u.id${input.plan ? sql` and m.plan_id = ${input.plan}` : sql``}${input.status ? sql` and m.status = ${input.status}` : sql``})`,
      );
    }
    if (input.tier) {
      const held = sql`select 1 from customers c join customer_tiers ct on ct.customer_id = c.id where c.user_id = u.id`;
      // No tier row means the lowest tier.
      filters.push(input.tier === lowestTierId ? sql`not exists (${held} and ct.tier_id <> ${input.tier})` : sql`exists (${held} and ct.tier_id = ${input.tier})`);
    }
    if (range.from) filters.push(sql`u.created_at >= ${range.from.toISOString()}`);
    if (range.toExclusive) filters.push(sql`u.created_at < ${range.toExclusive.toISOString()}`);
    if (cursor) {
      const { at, id } = decodeCursor(cursor);
      filters.push(backwards ? sql`(u.created_at, u.id) > (${at}::timestamptz, ${id})` : sql`(u.created_at, u.id) < (${at}::timestamptz, ${id})`);
    }
    const direction = backwards ? sql`asc` : sql`desc`;
    // users_created_at_idx (created_at, id) gives the order; the lateral reads memberships_user_idx per row.
    query = sql`
      select u.id as user_id, c.id as customer_id, u.email, u.name, u.role, u.created_at as joined_at, ${microsKey(sql`u.created_at`)} as joined_key,
        coalesce(ct.tier_id, ${lowestTierId}) as tier_id, coalesce(pb.available, 0) as available, coalesce(pb.pending, 0) as pending,
        cm.plan_id, p.name as plan_name, cm.status, cm.source, cm.current_period_end
      from (
        select u.id, u.email, u.name, u.role, u.created_at
        from users u
        ${filters.length ? sql`where ${sql.join(filters, sql` and `)}` : sql``}
        order by u.created_at ${direction}, u.id ${direction}
        limit ${MEMBERS_PAGE_SIZE + 1}
      ) u
      left join customers c on c.user_id = u.id
      left join customer_tiers ct on ct.customer_id = c.id
      left join point_balances pb on pb.customer_id = c.id
      left join lateral (
        select m.plan_id, m.status, m.source, m.current_period_end
        from memberships m
        where m.user_id = u.id
        order by (m.status in (${live})) desc, m.started_at desc
        limit 1
      ) cm on true
      left join plans p on p.id = cm.plan_id
      order by u.created_at ${direction}, u.id ${direction}`;
  }

  const fetched = rowsOf<Row>(await conn.execute(query));
  const more = fetched.length > MEMBERS_PAGE_SIZE;
  const page = fetched.slice(0, MEMBERS_PAGE_SIZE);
  if (backwards) page.reverse();
  const keyOf = (r: Row) => encodeCursor(r.joined_key, r.user_id ?? r.customer_id!);
  const first = page[0];
  const last = page.at(-1);
  return {
    rows: page.map(toRow),
    // Going back, "more" means there are newer rows still; going forward, older ones.
    older: last && (backwards || more) ? keyOf(last) : null,
    newer: first && (backwards ? more : !!cursor) ? keyOf(first) : null,
    joined,
    note: null,
  };
}
