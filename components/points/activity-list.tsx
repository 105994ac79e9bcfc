import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { formatDate } from "@/lib/format";
import type { HistoryItem } from "@/lib/ledger/history";
import { SignedPoints } from "./signed-points";

/** Points history lines: what happened in words, signed points, the date; pending lines say so. */
export function ActivityList({ items, className }: { items: HistoryItem[]; className?: string }) {
  return (
    <ul className={cn("divide-y divide-neutral-200", className)}>
      {items.map((item) => (
        <li key={item.id} className="flex items-start justify-between gap-4 py-3">
          <div className="min-w-0">
            <p className="text-sm font-medium text-pretty text-neutral-900">{item.memo}</p>
            <p className="mt-0.5 text-xs text-neutral-600">
              <time dateTime={item.createdAt.toISOString()}>{formatDate(item.createdAt)}</time>
              {item.pending && item.availableAt ? <> · available {formatDate(item.availableAt)}</> : null}
            </p>
          </div>
          <div className="flex shrink-0 flex-col items-end gap-1">
            <SignedPoints points={item.points} pending={item.pending} className="text-sm" />
            {item.pending ? <Badge tone="warning">Pending</Badge> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
