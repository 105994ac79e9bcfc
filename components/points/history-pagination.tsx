import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import type { HistoryFilter } from "@/lib/ledger/history";
import { historyHref } from "./history-filters";

/** Previous / next with "Page 2 of 5"; hidden when everything fits on one page. */
export function HistoryPagination({ filter, page, pageCount }: { filter: HistoryFilter; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages of your points history" className="flex items-center justify-between gap-3">
      {page > 1 ? (
        <Link href={historyHref(filter, page - 1)} rel="prev" className={buttonClasses("secondary", "sm")}>
          Previous
        </Link>
      ) : (
        <span />
      )}
      <p className="text-sm text-neutral-600" aria-live="polite">
        Page {page} of {pageCount}
      </p>
      {page < pageCount ? (
        <Link href={historyHref(filter, page + 1)} rel="next" className={buttonClasses("secondary", "sm")}>
          Next
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
