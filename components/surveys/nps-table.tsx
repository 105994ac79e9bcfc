import { formatNps } from "@/lib/surveys/nps-score";

export type NpsRow = { month: string; responses: number; promoters: number; passives: number; detractors: number; nps: number | null };

const monthName = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
const number = new Intl.NumberFormat("en-US");

/** "2026-03" → "Mar 2026". */
function formatMonth(month: string): string {
  return monthName.format(new Date(`${month}-01T00:00:00Z`));
}

/**
 * NPS by month as a table (the accessible form of the trend), with a small bar per month drawn
 * from the zero line: right and green for a positive score, left and red for a negative one.
 */
export function NpsTable({ rows, caption }: { rows: NpsRow[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-neutral-50 text-neutral-700">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Month
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Answers
            </th>
            <th scope="col" className="hidden px-4 py-2 text-right font-medium sm:table-cell">
              Promoters
            </th>
            <th scope="col" className="hidden px-4 py-2 text-right font-medium sm:table-cell">
              Passives
            </th>
            <th scope="col" className="hidden px-4 py-2 text-right font-medium sm:table-cell">
              Detractors
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              NPS
            </th>
            <th scope="col" className="hidden w-40 px-4 py-2 font-medium md:table-cell">
              <span className="sr-only">Trend</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-200">
          {rows.map((row) => (
            <tr key={row.month}>
              <th scope="row" className="px-4 py-2 font-normal whitespace-nowrap">
                {formatMonth(row.month)}
              </th>
              <td className="px-4 py-2 text-right tabular-nums">{number.format(row.responses)}</td>
              <td className="hidden px-4 py-2 text-right tabular-nums sm:table-cell">{number.format(row.promoters)}</td>
              <td className="hidden px-4 py-2 text-right tabular-nums sm:table-cell">{number.format(row.passives)}</td>
              <td className="hidden px-4 py-2 text-right tabular-nums sm:table-cell">{number.format(row.detractors)}</td>
              <td className="px-4 py-2 text-right font-semibold tabular-nums">{formatNps(row.nps)}</td>
              <td aria-hidden="true" className="hidden px-4 py-2 md:table-cell">
                <div className="relative h-2 rounded-full bg-neutral-100">
                  <div className="absolute inset-y-0 left-1/2 w-px bg-neutral-400" />
                  {row.nps !== null && row.nps !== 0 ? (
                    <div
                      className={row.nps > 0 ? "absolute inset-y-0 left-1/2 rounded-r-full bg-success-600" : "absolute inset-y-0 right-1/2 rounded-l-full bg-danger-600"}
                      style={{ width: `${Math.abs(row.nps) / 2}%` }}
                    />
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
