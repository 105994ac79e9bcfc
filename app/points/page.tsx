import type { Metadata } from "next";
import { ActivityList } from "@/components/points/activity-list";
import { HistoryFilters } from "@/components/points/history-filters";
import { HistoryPagination } from "@/components/points/history-pagination";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { formatMoney, formatPoints } from "@/lib/format";
import { getBalance } from "@/lib/ledger/balances";
import { customerForUser } from "@/lib/ledger/customers";
import { historyQuerySchema, listPointHistory, type HistoryFilter } from "@/lib/ledger/history";
import { getPointsPolicy } from "@/lib/ledger/policy";

export const metadata: Metadata = { title: "Your points" };

const EMPTY: Record<HistoryFilter, { title: string; description: string }> = {
  all: { title: "No points yet", description: "Points you earn from purchases, reviews and other rewards will show here." },
  earned: { title: "Nothing earned yet", description: "Points from your purchases and bonuses will show here." },
  spent: { title: "Nothing spent yet", description: "When you use points on a reward, it shows here." },
  expired: { title: "No expired points", description: "Points you don't use within their time expire; none have." },
  adjustments: { title: "No adjustments", description: "Corrections to your points, such as after a refund, show here." },
};

export default async function PointsPage(props: PageProps<"/points">) {
  const user = await requireUser("/points");
  // Unreadable ?page= or ?filter= fall back to the first page of everything (and a page past the end to the last).
  const query = historyQuerySchema.parse(await props.searchParams);
  const customer = await customerForUser(user);
  const [balance, policy, history] = await Promise.all([getBalance(customer.id), getPointsPolicy(), listPointHistory(customer.id, query)]);
  const worth = policy.pointValueCents > 0 ? ` (${formatMoney(balance.available * policy.pointValueCents)})` : "";
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10">
      <PageHeader
        title="Your points"
        description={`${formatPoints(balance.available)} available${worth}${balance.pending ? `, ${formatPoints(balance.pending)} pending` : ""}.`}
      />
      <div className="mt-6 space-y-4">
        <HistoryFilters current={history.filter} />
        {history.items.length ? (
          <Card>
            <CardContent className="py-2! sm:py-2!">
              <h2 className="sr-only">
                {history.total} {history.total === 1 ? "entry" : "entries"}, page {history.page} of {history.pageCount}
              </h2>
              <ActivityList items={history.items} />
            </CardContent>
          </Card>
        ) : (
          <EmptyState title={EMPTY[history.filter].title} description={EMPTY[history.filter].description} />
        )}
        <HistoryPagination filter={history.filter} page={history.page} pageCount={history.pageCount} />
      </div>
    </div>
  );
}
