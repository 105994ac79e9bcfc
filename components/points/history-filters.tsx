import Link from "next/link";
import { cn } from "@/components/ui/cn";
import type { HistoryFilter } from "@/lib/ledger/history";

const LABELS: Record<HistoryFilter, string> = { all: "All", earned: "Earned", spent: "Spent", expired: "Expired", adjustments: "Adjustments" };

export function historyHref(filter: HistoryFilter, page = 1): string {
  const query = new URLSearchParams();
  if (filter !== "all") query.set("filter", filter);
  if (page > 1) query.set("page", String(page));
  const qs = query.toString();
  return qs ? `/points?${qs}` : "/points";
}

/** Filter links (plain links: they work without JavaScript and can be bookmarked); the current one is marked. */
export function HistoryFilters({ current }: { current: HistoryFilter }) {
  return (
    <nav aria-label="Filter your points history">
      <ul className="-mx-4 flex gap-2 overflow-x-auto px-4 pb-1 sm:mx-0 sm:flex-wrap sm:px-0">
        {(Object.keys(LABELS) as HistoryFilter[]).map((filter) => (
          <li key={filter} className="shrink-0">
            <Link
              href={historyHref(filter)}
              aria-current={filter === current ? "page" : undefined}
              className={cn(
                "inline-flex h-11 items-center rounded-full border px-4 text-sm font-medium sm:h-9",
                filter === current ? "border-brand-700 bg-brand-700 text-white" : "border-neutral-300 bg-white text-neutral-800 hover:bg-neutral-50",
              )}
            >
              {LABELS[filter]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
