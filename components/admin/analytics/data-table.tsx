import { cn } from "@/components/ui/cn";
import type { AnalyticsTable } from "@/lib/analytics/tables";
import { CsvLink } from "./csv-link";
import { formatCell } from "./format";

/**
 * An analytics table: a caption, column headers, the first cell of each row as its header, numbers
 * right-aligned; scrolls sideways on a phone instead of squeezing. The CSV link downloads the same rows.
 */
export function DataTable({ table, currency, range, empty, className }: { table: AnalyticsTable; currency: string; range: { fromDay: string; toDay: string }; empty?: string; className?: string }) {
  return (
    <div className={cn("space-y-2", className)}>
      {table.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-neutral-300 bg-neutral-50 px-4 py-6 text-center text-sm text-neutral-600">{empty ?? "Nothing in this range."}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{table.title}</caption>
            <thead className="bg-neutral-50 text-neutral-700">
              <tr>
                {table.columns.map((column, i) => (
                  <th key={column.header} scope="col" className={cn("px-3 py-2 font-medium whitespace-nowrap", i > 0 && "text-right")}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-200">
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row" className="px-3 py-2 font-normal whitespace-nowrap text-neutral-900">
                        {formatCell(table.columns[i].kind, cell, currency)}
                      </th>
                    ) : (
                      <td key={i} className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                        {formatCell(table.columns[i].kind, cell, currency)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CsvLink id={table.id} title={table.title} range={range} />
    </div>
  );
}
