import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { KIND_LABELS, REWARD_KINDS, type CatalogFilter } from "@/lib/rewards/catalog";

export function catalogHref(filter: Partial<CatalogFilter>): string {
  const query = new URLSearchParams();
  if (filter.kind) query.set("kind", filter.kind);
  if (filter.affordable) query.set("affordable", "1");
  if (filter.tier) query.set("tier", "1");
  const qs = query.toString();
  return qs ? `/rewards?${qs}` : "/rewards";
}

const chip = (on: boolean) =>
  cn(
    "inline-flex h-11 items-center rounded-full border px-4 text-sm font-medium whitespace-nowrap sm:h-9",
    on ? "border-brand-700 bg-brand-700 text-white" : "border-neutral-300 bg-white text-neutral-800 hover:bg-neutral-50",
  );

function Check() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mr-1.5 -ml-1 size-4">
      <path fillRule="evenodd" clipRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" />
    </svg>
  );
}

/**
 * Plain links (they work without JavaScript and can be bookmarked). Kinds pick one; "Affordable now"
 * and "My tier" toggle and are offered to members only.
 */
export function CatalogFilters({ filter, member }: { filter: CatalogFilter; member: boolean }) {
  return (
    <nav aria-label="Filter rewards" className="space-y-2">
      <ul className="-mx-4 flex gap-2 overflow-x-auto px-4 pb-1 sm:mx-0 sm:flex-wrap sm:px-0">
        <li className="shrink-0">
          <Link href={catalogHref({ ...filter, kind: undefined })} aria-current={!filter.kind ? "page" : undefined} className={chip(!filter.kind)}>
            All
          </Link>
        </li>
        {REWARD_KINDS.map((kind) => (
          <li key={kind} className="shrink-0">
            <Link href={catalogHref({ ...filter, kind })} aria-current={filter.kind === kind ? "page" : undefined} className={chip(filter.kind === kind)}>
              {KIND_LABELS[kind]}
            </Link>
          </li>
        ))}
      </ul>
      {member ? (
        <ul className="flex flex-wrap gap-2">
          <li>
            <Link href={catalogHref({ ...filter, affordable: !filter.affordable })} className={chip(filter.affordable)}>
              {filter.affordable ? <Check /> : null}
              Affordable now
              {filter.affordable ? <span className="sr-only"> (on: select to turn off)</span> : null}
            </Link>
          </li>
          <li>
            <Link href={catalogHref({ ...filter, tier: !filter.tier })} className={chip(filter.tier)}>
              {filter.tier ? <Check /> : null}
              My tier
              {filter.tier ? <span className="sr-only"> (on: select to turn off)</span> : null}
            </Link>
          </li>
        </ul>
      ) : null}
    </nav>
  );
}
