import type { ExpirySchedule } from "@/lib/accounting/expiry";
import { cellClass, cornerClass, formatNumber, headClass, monthLabel, ReportTable, rowHeadClass } from "./report-table";

/** Open points by month of expiry for the next 12 months, then later and never. */
export function ExpiryTable({ schedule }: { schedule: ExpirySchedule }) {
  const rows = [
    ...schedule.months.map((m) => ({ key: m.month, label: monthLabel(m.month), available: m.available, pending: m.pending })),
    { key: "later", label: "Later", ...schedule.later },
    { key: "never", label: "Never expires", ...schedule.never },
  ];
  return (
    <ReportTable id="expiry-table" caption="Points expiring in each of the next 12 months">
      <thead className="bg-neutral-50 text-neutral-700">
        <tr>
          <th scope="col" className={cornerClass}>
            Month
          </th>
          <th scope="col" className={headClass}>
            Available
          </th>
          <th scope="col" className={headClass}>
            Pending
          </th>
          <th scope="col" className={headClass}>
            Total
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-neutral-200">
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" className={rowHeadClass}>
              {row.label}
            </th>
            <td className={cellClass}>{formatNumber(row.available)}</td>
            <td className={cellClass}>{formatNumber(row.pending)}</td>
            <td className={`${cellClass} font-medium`}>{formatNumber(row.available + row.pending)}</td>
          </tr>
        ))}
      </tbody>
    </ReportTable>
  );
}
