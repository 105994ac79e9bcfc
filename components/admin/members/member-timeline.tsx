import Link from "next/link";
import { SignedPoints } from "@/components/points/signed-points";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { timelineLine } from "@/lib/admin/members/display";
import type { TimelinePage } from "@/lib/admin/members/timeline";
import { formatDateTime } from "@/lib/format";

/** The member's one timeline, newest first, with a link to the older part. */
export function MemberTimeline({ page, tierName, olderHref, newestHref }: { page: TimelinePage; tierName: Record<string, string>; olderHref: string | null; newestHref: string | null }) {
  if (!page.items.length) {
    return (
      <EmptyState
        as="h3"
        title={newestHref ? "Nothing older" : "Nothing has happened yet"}
        description={newestHref ? "This is the beginning of the member's history." : "Orders, points, memberships, referrals, redemptions and emails will show here as they happen."}
        action={
          newestHref ? (
            <Link href={newestHref} className={buttonClasses("secondary", "sm")}>
              Back to the newest
            </Link>
          ) : undefined
        }
      />
    );
  }
  return (
    <div>
      <ol className="divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white" aria-label="Timeline, newest first">
        {page.items.map((item) => {
          const line = timelineLine(item, (id) => tierName[id] ?? id);
          return (
            <li key={`${item.source}:${item.id}`} className="flex items-start justify-between gap-4 px-4 py-3">
              <div className="min-w-0 space-y-0.5 text-sm">
                <p className="flex flex-wrap items-center gap-2">
                  <Badge tone={item.source === "audit" ? "brand" : "neutral"}>{line.label}</Badge>
                  <time dateTime={item.at.toISOString()} className="text-xs text-neutral-600">
                    {formatDateTime(item.at)}
                  </time>
                </p>
                <p className="font-medium break-words text-neutral-900">{line.title}</p>
                {line.detail ? <p className="break-words text-neutral-600">{line.detail}</p> : null}
              </div>
              {line.points !== null ? <SignedPoints points={line.points} className="shrink-0 text-sm" /> : null}
            </li>
          );
        })}
      </ol>
      {olderHref || newestHref ? (
        <nav aria-label="Pages of the timeline" className="mt-3 flex flex-wrap justify-between gap-3">
          {newestHref ? (
            <Link href={newestHref} className={buttonClasses("secondary", "sm")}>
              ← Newest
            </Link>
          ) : (
            <span />
          )}
          {olderHref ? (
            <Link href={olderHref} rel="next" className={buttonClasses("secondary", "sm")}>
              Older →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
