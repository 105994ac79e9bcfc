import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/**
 * Keyset paging for a newest-first list: "Older" continues after the last row shown, "Newest"
 * goes back to the start (keyset pages have no numbers). Hidden when everything fits on one page.
 */
export function Pager({ label, newestHref, olderHref, onFirstPage }: { label: string; newestHref: string; olderHref: string | null; onFirstPage: boolean }) {
  if (onFirstPage && !olderHref) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-3">
      {onFirstPage ? (
        <span />
      ) : (
        <Link href={newestHref} className={buttonClasses("secondary", "sm")}>
          ← Newest
        </Link>
      )}
      {olderHref ? (
        <Link href={olderHref} rel="next" className={buttonClasses("secondary", "sm")}>
          Older →
        </Link>
      ) : (
        <p className="text-sm text-neutral-600">That’s the oldest.</p>
      )}
    </nav>
  );
}

/** A list page's URL with its filters, optionally continuing after `before`. */
export function listHref(path: string, filters: Record<string, string | undefined>, before?: string | null): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  if (before) query.set("before", before);
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}
