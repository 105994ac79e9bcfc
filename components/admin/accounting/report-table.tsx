import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";

/** Shared pieces of the accounting tables: a scrollable table region, number cells, period labels. */

const whole = new Intl.NumberFormat("en-US");
const share = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const monthYear = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

export const formatNumber = (value: number) => whole.format(value);
export const formatRate = (rate: number | null) => (rate === null ? "—" : share.format(rate));

const utc = (day: string) => new Date(`${day}T00:00:00Z`);

const monthShort = new Intl.DateTimeFormat("en-US", { month: "short", timeZone: "UTC" });

/** "Mar 2024" for a whole month; "Feb 10–29, 2024" for the part of one at an end of the range (a period never spans two months). */
export function periodLabel({ start, endExclusive }: { start: string; endExclusive: string }): string {
  const first = utc(start);
  const end = utc(endExclusive);
  if (first.getUTCDate() === 1 && end.getUTCDate() === 1) return monthYear.format(first);
  const last = new Date(end.getTime() - 86_400_000);
  const days = first.getTime() === last.getTime() ? `${first.getUTCDate()}` : `${first.getUTCDate()}–${last.getUTCDate()}`;
  return `${monthShort.format(first)} ${days}, ${first.getUTCFullYear()}`;
}

export const monthLabel = (month: string) => monthYear.format(utc(month));

export const cellClass = "px-3 py-2 text-right whitespace-nowrap tabular-nums";
export const headClass = "px-3 py-2 text-right font-medium whitespace-nowrap";
/** The row header stays in view while the figures scroll sideways on a phone. */
export const rowHeadClass = "sticky left-0 min-w-24 bg-white px-3 py-2 text-left font-medium text-neutral-900 sm:whitespace-nowrap";
export const cornerClass = "sticky left-0 min-w-24 bg-neutral-50 px-3 py-2 text-left font-medium sm:whitespace-nowrap";

/**
 * A wide table in a region that scrolls sideways (and can be scrolled with the keyboard: it is
 * focusable and named by its caption).
 */
export function ReportTable({ id, caption, children }: { id: string; caption: string; children: ReactNode }) {
  return (
    <div role="region" aria-labelledby={`${id}-caption`} tabIndex={0} className="mt-3 overflow-x-auto rounded-lg border border-neutral-200 bg-white focus-visible:outline-2 focus-visible:outline-brand-600">
      <table className="w-full text-sm">
        <caption id={`${id}-caption`} className="sr-only">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

/** A section heading with its CSV download beside it. */
export function SectionHeading({ id, title, csvHref, csvLabel, children }: { id: string; title: string; csvHref: string; csvLabel: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div className="min-w-0 space-y-1">
        <h2 id={id} className="text-lg font-semibold text-neutral-900">
          {title}
        </h2>
        {children ? <div className="max-w-2xl text-sm text-neutral-600">{children}</div> : null}
      </div>
      {/* A plain link, not next/link: it is a file download, not a page. */}
      <a href={csvHref} download className={buttonClasses("secondary", "sm")}>
        Download CSV<span className="sr-only"> of the {csvLabel}</span>
      </a>
    </div>
  );
}
