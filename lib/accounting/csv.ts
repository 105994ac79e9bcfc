import "server-only";
import { addDays } from "date-fns";
import { db, type Db } from "@/db";
import type { DateRange } from "@/lib/reports/date-range";
import { toCsv, type CsvColumn } from "@/lib/reports/csv";
import { loadBreakage, type BreakagePeriod } from "./breakage";
import { loadExpirySchedule, type ExpiryMonth } from "./expiry";
import { loadLedgerReport, netPoints, type LedgerPeriod } from "./ledger";
import { breakageRate } from "./math";
import { loadLiability, type LiabilityRow } from "./report";

/** One CSV per table of /admin/accounting: plain integers (points, cents) and rates as decimals, for a spreadsheet. */

export const ACCOUNTING_CSV = ["liability", "rollforward", "breakage", "expiry"] as const;
export type AccountingCsv = (typeof ACCOUNTING_CSV)[number];

const lastDay = (endExclusive: string) => addDays(new Date(`${endExclusive}T00:00:00Z`), -1).toISOString().slice(0, 10);
const rate = (value: number | null) => (value === null ? null : Math.round(value * 1e6) / 1e6);

const period = <Row extends { start: string; endExclusive: string }>(): CsvColumn<Row>[] => [
  { header: "period_start", value: (r) => r.start },
  { header: "period_end", value: (r) => lastDay(r.endExclusive) },
];

const liabilityColumns: CsvColumn<LiabilityRow & { pointValueCents: number }>[] = [
  ...period(),
  { header: "available_points", value: (r) => r.balance.available },
  { header: "pending_points", value: (r) => r.balance.pending },
  { header: "debt_points", value: (r) => r.balance.debt },
  { header: "outstanding_points", value: (r) => r.points },
  { header: "point_value_cents", value: (r) => r.pointValueCents },
  { header: "liability_cents", value: (r) => r.cents },
  { header: "breakage_rate", value: (r) => rate(r.rate) },
  { header: "liability_net_of_breakage_cents", value: (r) => r.netOfBreakageCents },
  { header: "redeemed_points", value: (r) => r.redeemed },
  { header: "breakage_recognised_cents", value: (r) => r.breakageRecognisedCents },
];

const rollForwardColumns: CsvColumn<LedgerPeriod>[] = [
  ...period(),
  { header: "opening_points", value: (r) => netPoints(r.opening) },
  { header: "issued_points", value: (r) => r.movements.issued },
  { header: "reversed_points", value: (r) => r.movements.reversed },
  { header: "redeemed_points", value: (r) => r.movements.redeemed },
  { header: "cancelled_redemption_points", value: (r) => r.movements.cancelled },
  { header: "expired_points", value: (r) => r.movements.expired },
  { header: "adjusted_points", value: (r) => r.movements.adjusted },
  { header: "closing_points", value: (r) => netPoints(r.closing) },
  { header: "closing_available_points", value: (r) => r.closing.available },
  { header: "closing_pending_points", value: (r) => r.closing.pending },
  { header: "closing_debt_points", value: (r) => r.closing.debt },
  { header: "difference_points", value: (r) => r.difference },
];

const breakageColumns: CsvColumn<BreakagePeriod>[] = [
  ...period(),
  { header: "lots_closed", value: (r) => r.lots },
  { header: "expired_points", value: (r) => r.expired },
  { header: "redeemed_points", value: (r) => r.redeemed },
  { header: "period_rate", value: (r) => rate(breakageRate(r)) },
  { header: "cumulative_expired_points", value: (r) => r.cumulative.expired },
  { header: "cumulative_redeemed_points", value: (r) => r.cumulative.redeemed },
  { header: "cumulative_rate", value: (r) => rate(breakageRate(r.cumulative)) },
];

type ExpiryRow = Omit<ExpiryMonth, "lots"> & { lots: number | null };
const expiryColumns: CsvColumn<ExpiryRow>[] = [
  { header: "month", value: (r) => r.month },
  { header: "available_points", value: (r) => r.available },
  { header: "pending_points", value: (r) => r.pending },
  { header: "total_points", value: (r) => r.available + r.pending },
  { header: "lots", value: (r) => r.lots },
];

/** The CSV document for one table; the date range does not apply to the expiry schedule (it looks ahead from today). */
export async function accountingCsv(table: AccountingCsv, range: DateRange, conn: Db = db): Promise<string> {
  switch (table) {
    case "liability": {
      const report = await loadLiability(range, conn);
      return toCsv(
        liabilityColumns,
        report.rows.map((row) => ({ ...row, pointValueCents: report.pointValueCents })),
      );
    }
    case "rollforward":
      return toCsv(rollForwardColumns, (await loadLedgerReport(range, conn)).periods);
    case "breakage":
      return toCsv(breakageColumns, (await loadBreakage(range, conn)).periods);
    case "expiry": {
      const schedule = await loadExpirySchedule(conn);
      return toCsv(expiryColumns, [
        ...schedule.months,
        { month: "later", ...schedule.later },
        { month: "never", ...schedule.never, lots: null },
      ]);
    }
  }
}
