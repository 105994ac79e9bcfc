import { cn } from "@/components/ui/cn";
import type { AnalyticsTable } from "@/lib/analytics/tables";
import { CsvLink } from "./csv-link";
import { formatCell } from "./format";

/** Shades by share: the number is always in the cell, the colour only helps the eye (text keeps 4.5:1 contrast). */
function shade(share: number): string {
  if (share <= 0) return "bg-white text-neutral-700";
  if (share <= 0.1) return "bg-brand-50 text-neutral-900";
  if (share <= 0.25) return "bg-brand-100 text-neutral-900";
  if (share <= 0.4) return "bg-brand-200 text-neutral-900";
  if (share <= 0.55) return "bg-brand-300 text-neutral-900";
  if (share <= 0.7) return "bg-brand-400 text-neutral-950";
  if (share <= 0.85) return "bg-brand-600 text-white";
  return "bg-brand-700 text-white";
}

/** The retention heat map: cohorts down, months since joining across, shares in the cells. */
export function HeatMapTable({ table, currency, range }: { table: AnalyticsTable; currency: string; range: { fromDay: string; toDay: string } }) {
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{table.title}: rows are sign-up months, columns months since joining</caption>
          <thead className="bg-neutral-50 text-neutral-700">
            <tr>
              {table.columns.map((column, i) => (
                <th key={column.header} scope="col" className={cn("px-2 py-2 font-medium whitespace-nowrap", i === 0 ? "text-left" : "text-right")}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r} className="border-t border-neutral-200">
                {row.map((cell, i) => {
                  const text = formatCell(table.columns[i].kind, cell, currency);
                  if (i === 0)
                    return (
                      <th key={i} scope="row" className="px-2 py-2 text-left font-normal whitespace-nowrap text-neutral-900">
                        {text}
                      </th>
                    );
                  if (table.columns[i].kind !== "rate") return (
                    <td key={i} className="px-2 py-2 text-right tabular-nums">
                      {text}
                    </td>
                  );
                  return (
                    <td key={i} className={cn("px-2 py-2 text-right whitespace-nowrap tabular-nums", typeof cell === "number" ? shade(cell) : "bg-neutral-50 text-neutral-500")}>
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-neutral-600">Darker cells are larger shares; “—” is a month that has not come yet.</p>
      <CsvLink id={table.id} title={table.title} range={range} />
    </div>
  );
}
