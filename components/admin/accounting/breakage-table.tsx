import type { BreakageReport } from "@/lib/accounting/breakage";
import { breakageRate } from "@/lib/accounting/math";
import { cellClass, cornerClass, formatNumber, formatRate, headClass, periodLabel, ReportTable, rowHeadClass } from "./report-table";

/** Lots closed in each period, and the breakage rate of that period and to its end. */
export function BreakageTable({ report }: { report: BreakageReport }) {
  return (
    <ReportTable id="breakage-table" caption="Breakage history: points of the lots closed in each period">
      <thead className="bg-neutral-50 text-neutral-700">
        <tr>
          <th scope="col" className={cornerClass}>
            Period
          </th>
          <th scope="col" className={headClass}>
            Lots closed
          </th>
          <th scope="col" className={headClass}>
            Expired
          </th>
          <th scope="col" className={headClass}>
            Redeemed
          </th>
          <th scope="col" className={headClass}>
            Rate in period
          </th>
          <th scope="col" className={headClass}>
            Rate to date
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-neutral-200">
        {report.periods.map((p) => (
          <tr key={p.start}>
            <th scope="row" className={rowHeadClass}>
              {periodLabel(p)}
            </th>
            <td className={cellClass}>{formatNumber(p.lots)}</td>
            <td className={cellClass}>{formatNumber(p.expired)}</td>
            <td className={cellClass}>{formatNumber(p.redeemed)}</td>
            <td className={cellClass}>{formatRate(breakageRate(p))}</td>
            <td className={`${cellClass} font-medium`}>{formatRate(breakageRate(p.cumulative))}</td>
          </tr>
        ))}
      </tbody>
    </ReportTable>
  );
}
