import type { TableId } from "@/lib/analytics/tables";

/** The download of one table, for the same range as the page. */
export function csvHref(id: TableId, range: { fromDay: string; toDay: string }): string {
  return `/admin/analytics/csv/${id}?${new URLSearchParams({ from: range.fromDay, to: range.toDay })}`;
}

export function CsvLink({ id, title, range }: { id: TableId; title: string; range: { fromDay: string; toDay: string } }) {
  return (
    <a href={csvHref(id, range)} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline-offset-2 hover:underline sm:min-h-0" download>
      Download CSV<span className="sr-only"> of {title.toLowerCase()}</span>
    </a>
  );
}
