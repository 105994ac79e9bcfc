import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatPoints } from "@/lib/format";
import { pointsLine, type CatalogItem } from "@/lib/rewards/catalog";
import { LockNote } from "./lock-note";
import { RewardImage } from "./reward-image";

/** One reward in the catalog: the whole card is one link to the reward (its title is the link text). */
export function RewardCard({ item }: { item: CatalogItem }) {
  const cost = `${item.costFrom ? "From " : ""}${formatPoints(item.cost)}`;
  return (
    <article className="group relative flex h-full flex-col overflow-hidden rounded-lg border border-neutral-200 bg-white shadow-xs focus-within:outline-2 focus-within:outline-brand-600 hover:border-neutral-300">
      <RewardImage src={item.imageSrc} kind={item.kind} className={item.lock ? "opacity-70 grayscale" : undefined} />
      <div className="flex flex-1 flex-col gap-2 p-4">
        <div className="flex flex-wrap gap-1.5">
          {item.earlyAccess ? <Badge tone="gold">Early access</Badge> : null}
          {item.category ? <Badge>{item.category}</Badge> : null}
        </div>
        <h2 className="text-base font-semibold text-neutral-900">
          {/* The stretched link makes the card clickable without nesting interactive content. */}
          <Link href={`/rewards/${item.slug}`} className="after:absolute after:inset-0 focus-visible:outline-none">
            {item.title}
          </Link>
        </h2>
        <p className="text-sm font-semibold text-brand-800 tabular-nums">{cost}</p>
        <div className="mt-auto space-y-1 pt-1">
          {item.lock ? <LockNote lock={item.lock} className="relative z-10" /> : null}
          {item.points && !item.lock ? (
            <p className={item.points.short > 0 ? "text-sm text-neutral-600" : "text-sm font-medium text-success-800"}>{pointsLine(item.points)}</p>
          ) : null}
        </div>
      </div>
    </article>
  );
}
