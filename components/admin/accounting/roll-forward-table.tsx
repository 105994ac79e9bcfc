import type { LedgerPeriod, LedgerReport, Movements } from "@/lib/accounting/ledger";
import { netPoints, type MemberBalance } from "@/lib/accounting/math";
import { cellClass, cornerClass, formatNumber, headClass, periodLabel, ReportTable, rowHeadClass } from "./report-table";

const signed = (value: number) => (value > 0 ? `+${formatNumber(value)}` : value < 0 ? `−${formatNumber(-value)}` : "0");
const minus = (value: number) => (value ? `−${formatNumber(value)}` : "0");

function Figures({ opening, movements, closing, difference, showDifference }: { opening: MemberBalance; movements: Movements; closing: MemberBalance; difference: number; showDifference: boolean }) {
  return (
    <>
      <td className={cellClass}>{formatNumber(netPoints(opening))}</td>
      <td className={cellClass}>{signed(movements.issued)}</td>
      <td className={cellClass}>{minus(movements.reversed)}</td>
      <td className={cellClass}>{minus(movements.redeemed)}</td>
      <td className={cellClass}>{signed(movements.cancelled)}</td>
      <td className={cellClass}>{minus(movements.expired)}</td>
      <td className={cellClass}>{signed(movements.adjusted)}</td>
      <td className={`${cellClass} font-medium`}>{formatNumber(netPoints(closing))}</td>
      {showDifference ? <td className={`${cellClass} ${difference ? "font-semibold text-danger-700" : ""}`}>{formatNumber(difference)}</td> : null}
    </>
  );
}

/** Opening + issued − reversed − redeemed + cancelled − expired ± adjusted = closing, per period and for the range. */
export function RollForwardTable({ ledger }: { ledger: LedgerReport }) {
  // The difference column appears only when something does not tie out, to point at the period.
  const showDifference = ledger.difference !== 0 || ledger.periods.some((p: LedgerPeriod) => p.difference !== 0);
  return (
    <ReportTable id="rollforward-table" caption="Points roll-forward: opening balance, movements and closing balance of each period">
      <thead className="bg-neutral-50 text-neutral-700">
        <tr>
          <th scope="col" className={cornerClass}>
            Period
          </th>
          <th scope="col" className={headClass}>
            Opening
          </th>
          <th scope="col" className={headClass}>
            Issued
          </th>
          <th scope="col" className={headClass}>
            Reversed
          </th>
          <th scope="col" className={headClass}>
            Redeemed
          </th>
          <th scope="col" className={headClass}>
            Redemptions cancelled
          </th>
          <th scope="col" className={headClass}>
            Expired
          </th>
          <th scope="col" className={headClass}>
            Adjusted
          </th>
          <th scope="col" className={headClass}>
            Closing
          </th>
          {showDifference ? (
            <th scope="col" className={headClass}>
              Difference
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-neutral-200">
        {ledger.periods.map((p) => (
          <tr key={p.start}>
            <th scope="row" className={rowHeadClass}>
              {periodLabel(p)}
            </th>
            <Figures {...p} showDifference={showDifference} />
          </tr>
        ))}
      </tbody>
      <tfoot className="border-t-2 border-neutral-300 bg-neutral-50 font-medium">
        <tr>
          <th scope="row" className={`${rowHeadClass} bg-neutral-50`}>
            Whole range
          </th>
          <Figures opening={ledger.opening} movements={ledger.movements} closing={ledger.closing} difference={ledger.difference} showDifference={showDifference} />
        </tr>
      </tfoot>
    </ReportTable>
  );
}
