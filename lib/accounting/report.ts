import "server-only";
import { db, type Db } from "@/db";
import { getPointsPolicy } from "@/lib/ledger/policy";
import type { DateRange } from "@/lib/reports/date-range";
import { loadBreakage, type BreakageReport } from "./breakage";
import { loadExpirySchedule, type ExpirySchedule } from "./expiry";
import { loadLedgerReport, netPoints, type LedgerReport, type MemberBalance } from "./ledger";
import { breakageRate, breakageRecognised, netOfBreakage, type Closed, type Period } from "./math";

export type LiabilityFigures = {
  balance: MemberBalance;
  /** available + pending − debt */
  points: number;
  /** points × the value of a point */
  cents: number;
  /** Closed lots the breakage rate comes from (every lot closed by then). */
  closed: Closed;
  rate: number | null;
  netOfBreakageCents: number;
};

export type LiabilityRow = Period &
  LiabilityFigures & {
    /** Points redeemed in the period, net of cancelled redemptions. */
    redeemed: number;
    /** Breakage recognised with those redemptions; null when every closed point expired (no redemptions expected). */
    breakageRecognisedCents: number | null;
  };

export type LiabilityReport = { pointValueCents: number; rows: LiabilityRow[]; current: LiabilityFigures };

function figures(balance: MemberBalance, closed: Closed, pointValueCents: number): LiabilityFigures {
  const points = netPoints(balance);
  const cents = points * pointValueCents;
  return { balance, points, cents, closed, rate: breakageRate(closed), netOfBreakageCents: netOfBreakage(cents, closed) };
}

/**
 * Outstanding liability at the end of each period, valued at the current value of a point, with
 * the breakage rate as it stood at that date; `current` is today's, with every lot closed to date.
 */
export function buildLiability(ledger: LedgerReport, breakage: BreakageReport, pointValueCents: number): LiabilityReport {
  const rows = ledger.periods.map((period, i): LiabilityRow => {
    const closed = breakage.periods[i].cumulative;
    const redeemed = period.movements.redeemed - period.movements.cancelled;
    return {
      start: period.start,
      endExclusive: period.endExclusive,
      month: period.month,
      ...figures(period.closing, closed, pointValueCents),
      redeemed,
      breakageRecognisedCents: breakageRecognised(redeemed, pointValueCents, closed),
    };
  });
  return { pointValueCents, rows, current: figures(ledger.tieOut.ledger, breakage.toDate, pointValueCents) };
}

export async function loadLiability(range: DateRange, conn: Db = db): Promise<LiabilityReport> {
  const [ledger, breakage, policy] = await Promise.all([loadLedgerReport(range, conn), loadBreakage(range, conn), getPointsPolicy(conn)]);
  return buildLiability(ledger, breakage, policy.pointValueCents);
}

export type AccountingReport = { ledger: LedgerReport; breakage: BreakageReport; liability: LiabilityReport; expiry: ExpirySchedule };

/** Everything /admin/accounting shows for a range. */
export async function loadAccountingReport(range: DateRange, conn: Db = db): Promise<AccountingReport> {
  const [ledger, breakage, policy, expiry] = await Promise.all([loadLedgerReport(range, conn), loadBreakage(range, conn), getPointsPolicy(conn), loadExpirySchedule(conn)]);
  return { ledger, breakage, liability: buildLiability(ledger, breakage, policy.pointValueCents), expiry };
}
