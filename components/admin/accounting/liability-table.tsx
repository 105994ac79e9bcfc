import { formatMoney } from "@/lib/format";
import type { LiabilityReport } from "@/lib/accounting/report";
import { cellClass, cornerClass, formatNumber, formatRate, headClass, periodLabel, ReportTable, rowHeadClass } from "./report-table";

/** Outstanding points and their value at the end of each period, gross and net of breakage. */
export function LiabilityTable({ report }: { report: LiabilityReport }) {
  return (
    <ReportTable id="liability-table" caption="Outstanding points liability at the end of each period">
      <thead className="bg-neutral-50 text-neutral-700">
        <tr>
          <th scope="col" className={cornerClass}>
            Period end
          </th>
          <th scope="col" className={headClass}>
            Available
          </th>
          <th scope="col" className={headClass}>
            Pending
          </th>
          <th scope="col" className={headClass}>
            Debt
          </th>
          <th scope="col" className={headClass}>
            Outstanding points
          </th>
          <th scope="col" className={headClass}>
            Liability
          </th>
          <th scope="col" className={headClass}>
            Breakage rate
          </th>
          <th scope="col" className={headClass}>
            Net of breakage
          </th>
          <th scope="col" className={headClass}>
            Redeemed in period
          </th>
          <th scope="col" className={headClass}>
            Breakage recognised
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-neutral-200">
        {report.rows.map((row) => (
          <tr key={row.start}>
            <th scope="row" className={rowHeadClass}>
              {periodLabel(row)}
            </th>
            <td className={cellClass}>{formatNumber(row.balance.available)}</td>
            <td className={cellClass}>{formatNumber(row.balance.pending)}</td>
            <td className={cellClass}>{row.balance.debt ? `−${formatNumber(row.balance.debt)}` : "0"}</td>
            <td className={`${cellClass} font-medium`}>{formatNumber(row.points)}</td>
            <td className={`${cellClass} font-medium`}>{formatMoney(row.cents)}</td>
            <td className={cellClass}>{formatRate(row.rate)}</td>
            <td className={cellClass}>{formatMoney(row.netOfBreakageCents)}</td>
            <td className={cellClass}>{formatNumber(row.redeemed)}</td>
            <td className={cellClass}>{row.breakageRecognisedCents === null ? "—" : formatMoney(row.breakageRecognisedCents)}</td>
          </tr>
        ))}
      </tbody>
    </ReportTable>
  );
}
