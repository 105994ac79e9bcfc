import type { Metadata } from "next";
import Link from "next/link";
import { CatalogFilters } from "@/components/rewards/catalog-filters";
import { RewardCard } from "@/components/rewards/reward-card";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getCurrentUser } from "@/lib/auth/guards";
import { formatPoints } from "@/lib/format";
import { customerForUser } from "@/lib/ledger/customers";
import { catalogFilterSchema, getViewer, listCatalog } from "@/lib/rewards/catalog";

export const metadata: Metadata = { title: "Rewards" };

/** The catalog: public; a signed-in member sees their balance and what each reward needs. */
export default async function RewardsPage(props: PageProps<"/rewards">) {
  const user = await getCurrentUser();
  const filter = catalogFilterSchema.parse(await props.searchParams);
  const viewer = await getViewer(user ? (await customerForUser(user)).id : null);
  const items = await listCatalog({ viewer, filter });
  const filtered = !!(filter.kind || filter.affordable || filter.tier);

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10 sm:px-6">
      <PageHeader
        title="Rewards"
        description={
          viewer ? (
            <>
              You have <strong className="text-neutral-900">{formatPoints(viewer.balance)}</strong> to spend.
            </>
          ) : (
            "Spend your points on discounts, gear and experiences. Sign in to see what you can redeem."
          )
        }
        actions={
          viewer ? (
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
        <CatalogFilters filter={filter} member={!!viewer} />
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
