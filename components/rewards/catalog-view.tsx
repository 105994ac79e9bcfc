import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatPoints } from "@/lib/format";
import type { CatalogFilter, CatalogItem } from "@/lib/rewards/catalog";
import { CatalogFilters } from "./catalog-filters";
import { RewardCard } from "./reward-card";

export const catalogMetadata: Metadata = { title: "Rewards" };

/**
 * The catalog page: the same markup for a visitor's static copy (app/visitor, `balance` null, no
 * filter) and a member's page (app/rewards), which shows their balance and what each reward needs.
 */
export function CatalogView({ balance, filter, items }: { balance: number | null; filter: CatalogFilter; items: CatalogItem[] }) {
  const member = balance !== null;
  const filtered = !!(filter.kind || filter.affordable || filter.tier);
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10 sm:px-6">
      <PageHeader
        title="Rewards"
        description={
          member ? (
            <>
              You have <strong className="text-neutral-900">{formatPoints(balance)}</strong> to spend.
            </>
          ) : (
            "Spend your points on discounts, gear and experiences. Sign in to see what you can redeem."
          )
        }
        actions={
          member ? (
            <Link href="/redemptions" className={buttonClasses("secondary", "sm")}>
              Your redemptions
            </Link>
          ) : (
            <Link href="/sign-in?callbackUrl=%2Frewards" className={buttonClasses("primary", "sm")}>
              Sign in
            </Link>
          )
        }
      />
      <div className="mt-6">
        <CatalogFilters filter={filter} member={member} />
      </div>
      <div className="mt-6">
        {items.length ? (
          <ul aria-label="Rewards" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {items.map((item) => (
              <li key={item.id}>
                <RewardCard item={item} />
              </li>
            ))}
          </ul>
        ) : filtered ? (
          <EmptyState
            title="No rewards match these filters"
            description={filter.affordable ? "Nothing you can redeem right now matches. Earn more points, or see everything." : "Try another kind, or see everything."}
            action={
              <Link href="/rewards" className={buttonClasses("secondary")}>
                Show all rewards
              </Link>
            }
          />
        ) : (
          <EmptyState title="No rewards yet" description="New rewards are on their way. Keep earning points: they'll be waiting for you." />
        )}
      </div>
    </div>
  );
}
