import "server-only";
import { sql } from "drizzle-orm";
import { db, type Db } from "@/db";
import { accountingEntryDays, accountingState, type LedgerAccount } from "@/db/schema";
import type { DateRange } from "@/lib/reports/date-range";
import { monthlyPeriods, netPoints, type MemberBalance, type Period } from "./math";
import { entryDaySums, queryRows } from "./sources";

export { netPoints, type MemberBalance } from "./math";

/** What moved the members' balance in a period, read from the program accounts (all positive but `adjusted`, which is signed). */
export type Movements = {
  /** Points earned (earn postings, pending or available). */
  issued: number;
  /** Earned points taken back: order refunds (reverse) and pending points cancelled (void). */
  reversed: number;
  /** Points spent on rewards. */
  redeemed: number;
  /** Redemptions cancelled: points given back. */
  cancelled: number;
  expired: number;
  /** Admin adjustments, net: positive when more points were added than removed. */
  adjusted: number;
};

export type LedgerPeriod = Period & {
  opening: MemberBalance;
  closing: MemberBalance;
  movements: Movements;
  /** opening + issued − reversed − redeemed + cancelled − expired + adjusted − closing: 0 when the period ties out. */
  difference: number;
};

export type LedgerReport = {
  opening: MemberBalance;
  closing: MemberBalance;
  /** The whole range at once. */
  movements: Movements;
  difference: number;
  periods: LedgerPeriod[];
  /** All postings to date against the sum of point_balances, read in one snapshot. */
  tieOut: { ledger: MemberBalance; balances: MemberBalance; members: number; ties: boolean };
  /** Entries up to this id came from the daily rollup, later ones were read live. */
  entriesThrough: number;
};

type Sums = Partial<Record<LedgerAccount, { increase: number; decrease: number }>>;

const net = (sums: Sums, account: LedgerAccount) => (sums[account]?.increase ?? 0) - (sums[account]?.decrease ?? 0);

function memberDelta(sums: Sums): MemberBalance {
  // member_debt entries are negative when debt grows (a reverse that outruns the balance). `0 - x`, not
  // `-x`: a negated zero would print as -0.
  return { available: net(sums, "member_available"), pending: net(sums, "member_pending"), debt: 0 - net(sums, "member_debt") };
}

function movementsOf(sums: Sums): Movements {
  return {
    issued: 0 - net(sums, "program_issued"),
    reversed: net(sums, "program_reversed"),
    redeemed: sums.program_redeemed?.increase ?? 0,
    cancelled: sums.program_redeemed?.decrease ?? 0,
    expired: net(sums, "program_expired"),
    adjusted: 0 - net(sums, "program_adjusted"),
  };
}

const add = (a: MemberBalance, b: MemberBalance): MemberBalance => ({ available: a.available + b.available, pending: a.pending + b.pending, debt: a.debt + b.debt });
const sameBalance = (a: MemberBalance, b: MemberBalance) => a.available === b.available && a.pending === b.pending && a.debt === b.debt;

export function movementTotal(m: Movements): number {
  return m.issued - m.reversed - m.redeemed + m.cancelled - m.expired + m.adjusted;
}

function merge(into: Sums, from: Sums) {
  for (const [account, s] of Object.entries(from) as [LedgerAccount, { increase: number; decrease: number }][]) {
    const t = (into[account] ??= { increase: 0, decrease: 0 });
    t.increase += s.increase;
    t.decrease += s.decrease;
  }
}

/**
 * The roll-forward of the members' points over a range, month by month, from the double-entry
 * journal: balances from the member accounts, movements from the program accounts. Every posting
 * sums to zero, so opening + movements = closing in each period — `difference` shows it does.
 * The daily rollup (accounting_entry_days) plus the entries past its watermark give the exact
 * journal at the moment of the query, in one snapshot with point_balances for the tie-out.
 */
export async function loadLedgerReport(range: DateRange, conn: Db = db): Promise<LedgerReport> {
  const periods = monthlyPeriods(range);
  const toDay = range.toExclusive.toISOString().slice(0, 10);
  const fromDay = range.from.toISOString().slice(0, 10);

  // One snapshot: a posting committed between the two reads would break the tie-out for nothing.
  const { buckets, balances } = await conn.transaction(async (tx) => {
    const buckets = await queryRows<{ bucket: string; account: LedgerAccount; increase: string; decrease: string }>(
      tx,
      sql`
        with through as (select coalesce(max(entries_through), 0) as id from ${accountingState}),
        days as (
          select day, account, increase, decrease from ${accountingEntryDays}
          union all
          select day, account, increase, decrease from (${entryDaySums(sql`(select id from through)`, null)}) tail
        )
        select case when day < ${fromDay}::date then 'before' when day >= ${toDay}::date then 'after'
            else to_char(date_trunc('month', day::timestamp), 'YYYY-MM-DD') end as bucket,
          account::text as account, sum(increase)::text as increase, sum(decrease)::text as decrease
        from days
        group by 1, 2`,
    );
    const [balances] = await queryRows<{ available: string; pending: string; debt: string; members: string; through: string }>(
      tx,
      sql`select coalesce(sum(available), 0)::text as available, coalesce(sum(pending), 0)::text as pending, coalesce(sum(debt), 0)::text as debt, count(*)::text as members,
            (select coalesce(max(entries_through), 0) from ${accountingState})::text as through
          from point_balances`,
    );
    return { buckets, balances };
  }, { isolationLevel: "repeatable read", accessMode: "read only" });

  const byBucket = new Map<string, Sums>();
  for (const row of buckets) {
    const sums = byBucket.get(row.bucket) ?? {};
    sums[row.account] = { increase: Number(row.increase), decrease: Number(row.decrease) };
    byBucket.set(row.bucket, sums);
  }

  const opening = memberDelta(byBucket.get("before") ?? {});
  const whole: Sums = {};
  let balance = opening;
  const rows: LedgerPeriod[] = periods.map((period) => {
    const sums = byBucket.get(period.month) ?? {};
    merge(whole, sums);
    const closing = add(balance, memberDelta(sums));
    const movements = movementsOf(sums);
    const row = { ...period, opening: balance, closing, movements, difference: netPoints(balance) + movementTotal(movements) - netPoints(closing) };
    balance = closing;
    return row;
  });
  const movements = movementsOf(whole);
  const ledgerToday = add(balance, memberDelta(byBucket.get("after") ?? {}));
  const summed: MemberBalance = { available: Number(balances.available), pending: Number(balances.pending), debt: Number(balances.debt) };

  return {
    opening,
    closing: balance,
    movements,
    difference: netPoints(opening) + movementTotal(movements) - netPoints(balance),
    periods: rows,
    tieOut: { ledger: ledgerToday, balances: summed, members: Number(balances.members), ties: sameBalance(ledgerToday, summed) },
    entriesThrough: Number(balances.through),
  };
}
