import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";

/**
 * The aggregate queries behind the accounting rollups. refreshAccounting stores their results;
 * before the first refresh the report runs the same queries live, so both paths agree by
 * construction. Dates leave the database as text (YYYY-MM-DD): drivers would turn a `date` into a
 * local-time Date.
 */

/** Rows of db.execute(): node-postgres, Neon and PGlite all return { rows }. */
export async function queryRows<T>(conn: Db | Tx, query: SQL): Promise<T[]> {
  const result = await conn.execute(query);
  return ((result as { rows?: T[] }).rows ?? (result as unknown as T[])) as T[];
}

/** Journal sums per UTC day and account, for entries with id in (after, through] (through null: no upper bound). */
export function entryDaySums(after: number | SQL, through: number | null): SQL {
  return sql`
    select (created_at at time zone 'UTC')::date as day, account,
      sum(greatest(amount, 0))::bigint as increase, sum(greatest(-amount, 0))::bigint as decrease, count(*)::bigint as entries
    from point_entries
    where id > ${after}${through === null ? sql`` : sql` and id <= ${through}`}
    group by 1, 2`;
}

/** Closed lots per UTC closing day: the points that expired and the points that were spent. */
export const lotClosingSums = sql`
  select (closed_at at time zone 'UTC')::date as day, count(*)::bigint as lots,
    coalesce(sum(expired), 0)::bigint as expired, coalesce(sum(redeemed), 0)::bigint as redeemed
  from point_lots
  where state = 'closed' and closed_at is not null
  group by 1`;

export type OpenLotRow = { month: string | null; state: "available" | "pending"; points: string; lots: string };

/**
 * Open points by UTC month of expiry (null: never expires). Lots already past their expiry that the
 * nightly job has not expired yet count in `now`'s month: they go at the next run.
 */
export function openLotsByExpiryMonth(now: Date): SQL {
  const month = sql`date_trunc('month', ${now.toISOString()}::timestamptz at time zone 'UTC')`;
  return sql`
    select case when expires_at is null then null
        else to_char(greatest(date_trunc('month', expires_at at time zone 'UTC'), ${month}), 'YYYY-MM-DD') end as month,
      state::text as state, sum(remaining)::bigint as points, count(*)::bigint as lots
    from point_lots
    where state <> 'closed' and remaining > 0
    group by 1, 2`;
}
