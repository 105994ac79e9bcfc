import type { Metadata } from "next";
import { ActivityList } from "@/components/points/activity-list";
import { ClaimForm } from "@/components/points/claim-form";
import { HistoryFilters } from "@/components/points/history-filters";
import { HistoryPagination } from "@/components/points/history-pagination";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { submitClaimAction } from "@/lib/earning/claim-actions";
import { CLAIM_RULE_LABELS, CLAIM_STATUS_LABELS, claimHost } from "@/lib/earning/claim-schemas";
import { listClaimableRules, listClaimsForCustomer, type EarningClaim } from "@/lib/earning/claims";
import { formatDate, formatMoney, formatPoints } from "@/lib/format";
import { getBalance } from "@/lib/ledger/balances";
import { customerForUser } from "@/lib/ledger/customers";
import { historyQuerySchema, listPointHistory, type HistoryFilter } from "@/lib/ledger/history";
import { getPointsPolicy } from "@/lib/ledger/policy";
import { getBrand } from "@/lib/brand/brand";

export const metadata: Metadata = { title: "Your points" };

const EMPTY: Record<HistoryFilter, { title: string; description: string }> = {
  all: { title: "No points yet", description: "Points you earn from purchases, reviews and other rewards will show here." },
  earned: { title: "Nothing earned yet", description: "Points from your purchases and bonuses will show here." },
  spent: { title: "Nothing spent yet", description: "When you use points on a reward, it shows here." },
  expired: { title: "No expired points", description: "Points you don't use within their time expire; none have." },
  adjustments: { title: "No adjustments", description: "Corrections to your points, such as after a refund, show here." },
};

const CLAIM_TONES: Record<EarningClaim["status"], BadgeTone> = { pending: "warning", approved: "success", rejected: "neutral" };

function ClaimList({ claims }: { claims: EarningClaim[] }) {
  return (
    <ul className="divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white">
      {claims.map((claim) => (
        <li key={claim.id} className="flex flex-wrap items-start justify-between gap-2 px-4 py-3 text-sm">
          <div className="min-w-0">
            <p className="font-medium text-neutral-900">
              {claim.ruleId in CLAIM_RULE_LABELS ? CLAIM_RULE_LABELS[claim.ruleId as keyof typeof CLAIM_RULE_LABELS] : claim.ruleId} on{" "}
              <a href={claim.url} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline-offset-2 hover:underline">
                {claimHost(claim.url)}
                <span className="sr-only"> (opens in a new tab)</span>
              </a>
            </p>
            <p className="text-neutral-600">
              {formatDate(claim.createdAt)}
              {claim.status === "rejected" && claim.decisionReason ? ` · ${claim.decisionReason}` : null}
            </p>
          </div>
          <Badge tone={CLAIM_TONES[claim.status]} dot>
            {CLAIM_STATUS_LABELS[claim.status]}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

export default async function PointsPage(props: PageProps<"/points">) {
  const user = await requireUser("/points");
  // Unreadable ?page= or ?filter= fall back to the first page of everything (and a page past the end to the last).
  const query = historyQuerySchema.parse(await props.searchParams);
  const customer = await customerForUser(user);
  const [balance, policy, history, claimRules, claims] = await Promise.all([
    getBalance(customer.id),
    getPointsPolicy(),
    listPointHistory(customer.id, query),
    listClaimableRules(),
    listClaimsForCustomer(customer.id, 10),
  ]);
  const worth = policy.pointValueCents > 0 ? ` (${formatMoney(balance.available * policy.pointValueCents, (await getBrand()).currency)})` : "";
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
      {claimRules.length || claims.length ? (
        <section className="mt-10 space-y-4" aria-labelledby="earn-more-heading">
          <Card>
            <CardHeader>
              <CardTitle id="earn-more-heading">Earn more</CardTitle>
              <CardDescription>Reviewed one of our products or shared us online? Paste the link and claim your points.</CardDescription>
            </CardHeader>
            <CardContent>
              {claimRules.length ? (
                <ClaimForm action={submitClaimAction} rules={claimRules} />
              ) : (
                <p className="text-sm text-neutral-600">Claiming points for reviews and shares is paused right now.</p>
              )}
            </CardContent>
          </Card>
          {claims.length ? (
            <div>
              <h3 className="text-base font-semibold text-neutral-900">Your recent claims</h3>
              <div className="mt-2">
                <ClaimList claims={claims} />
              </div>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
