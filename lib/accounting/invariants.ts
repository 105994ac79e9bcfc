import "server-only";
import { sql } from "drizzle-orm";
import { db, type Db } from "@/db";
import { accountingEntryDays, accountingState } from "@/db/schema";
import type { DateRange } from "@/lib/reports/date-range";
import { loadLedgerReport, netPoints } from "./ledger";
import { queryRows } from "./sources";

export type AccountingViolation = { rule: string; detail: string };

/**
 * Checks the roll-forward against the database as it is: each period's opening plus its movements
 * is its closing, each period opens where the last one closed, the journal to date equals the sum
 * of point_balances, and the daily rollup plus the entries past its watermark equal the journal
 * summed afresh, day by day and account by account (nothing counted twice or missed). Used by the
 * ledger property test; a full scan of the entries, so not for page loads.
 */
export async function checkAccountingInvariants(range: Pick<DateRange, "from" | "toExclusive">, conn: Db = db): Promise<AccountingViolation[]> {
  const violations: AccountingViolation[] = [];
  // whole UTC days, as every report range
  const from = new Date(range.from.toISOString().slice(0, 10));
  const toExclusive = new Date(new Date(range.toExclusive.getTime() - 1).toISOString().slice(0, 10));
  toExclusive.setUTCDate(toExclusive.getUTCDate() + 1);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const report = await loadLedgerReport({ from, toExclusive, fromDay: day(from), toDay: day(new Date(toExclusive.getTime() - 86_400_000)) }, conn);

  let previous = report.opening;
  for (const period of report.periods) {
    if (period.difference !== 0) violations.push({ rule: "period ties out", detail: `${period.start}: opening + movements − closing = ${period.difference}` });
    if (netPoints(period.opening) !== netPoints(previous)) violations.push({ rule: "periods chain", detail: `${period.start} opens at ${netPoints(period.opening)}, the period before closed at ${netPoints(previous)}` });
    previous = period.closing;
  }
  if (report.difference !== 0) violations.push({ rule: "range ties out", detail: `opening + movements − closing = ${report.difference}` });
  if (!report.tieOut.ties) violations.push({ rule: "journal = balances", detail: `journal ${JSON.stringify(report.tieOut.ledger)}, point_balances ${JSON.stringify(report.tieOut.balances)}` });

  const mismatched = await queryRows<{ day: string; account: string; rolled: string | null; fresh: string | null }>(
    conn,
    sql`
      with through as (select coalesce(max(entries_through), 0) as id from ${accountingState}),
      rolled as (
        select day, account, sum(increase - decrease) as points from (
          select day, account, increase, decrease from ${accountingEntryDays}
          union all
          select (created_at at time zone 'UTC')::date, account, greatest(amount, 0), greatest(-amount, 0) from point_entries where id > (select id from through)
        ) r group by 1, 2
      ),
      fresh as (select (created_at at time zone 'UTC')::date as day, account, sum(amount) as points from point_entries group by 1, 2)
      select to_char(coalesce(rolled.day, fresh.day)::timestamp, 'YYYY-MM-DD') as day, coalesce(rolled.account, fresh.account)::text as account,
        rolled.points::text as rolled, fresh.points::text as fresh
      from rolled full join fresh on rolled.day = fresh.day and rolled.account = fresh.account
      where rolled.points is distinct from fresh.points`,
  );
  for (const m of mismatched) violations.push({ rule: "rollup = journal", detail: `${m.day} ${m.account}: rollup ${m.rolled ?? "none"}, journal ${m.fresh ?? "none"}` });
  return violations;
}
