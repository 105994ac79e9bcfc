import { BackLink } from "@/components/admin/back-link";
import type { Metadata } from "next";
import { ClaimDecisionForm } from "@/components/admin/claim-decision-form";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { decideClaimAction } from "@/lib/earning/claim-actions";
import { listPendingClaims, listRecentlyDecidedClaims } from "@/lib/earning/claims";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Review claims · Admin" };

function ClaimLink({ url }: { url: string }) {
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className="break-all text-brand-700 underline-offset-2 hover:underline">
      {url}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}

export default async function AdminClaimsPage() {
  await requireAdmin("/admin/claims");
  const [queue, decided] = await Promise.all([listPendingClaims(), listRecentlyDecidedClaims()]);
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink />
      <PageHeader
        className="mt-2"
        title="Review claims"
        description="Reviews and shares members claimed with a link, for the rules that need approval. Open the link, then approve or reject with a reason."
      />

      <section className="mt-8" aria-labelledby="pending-heading">
        <h2 id="pending-heading" className="text-lg font-semibold text-neutral-900">
          Waiting, oldest first{queue.total ? ` (${queue.total})` : ""}
        </h2>
        {queue.items.length === 0 ? (
          <EmptyState className="mt-3" title="Nothing to review" description="Claims for rules that need approval show here until someone approves or rejects them." />
        ) : (
          <>
            <ul className="mt-3 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white">
              {queue.items.map((claim) => (
                <li key={claim.id} className="grid gap-4 px-4 py-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
                  <div className="min-w-0 space-y-1 text-sm">
                    <p className="font-medium text-neutral-900">{claim.email}</p>
                    <p>
                      <Badge tone="brand">{claim.ruleName}</Badge>
                    </p>
                    <p>
                      <ClaimLink url={claim.url} />
                    </p>
                    <p className="text-neutral-600">Claimed {formatDateTime(claim.createdAt)}</p>
                  </div>
                  <ClaimDecisionForm claimId={claim.id} subject={`${claim.ruleName.toLowerCase()} by ${claim.email}`} action={decideClaimAction} />
                </li>
              ))}
            </ul>
            {queue.total > queue.items.length ? (
              <p className="mt-2 text-sm text-neutral-600">
                Showing the oldest {queue.items.length} of {queue.total}; the rest appear as these are decided.
              </p>
            ) : null}
          </>
        )}
      </section>

      {decided.length ? (
        <section className="mt-10" aria-labelledby="decided-heading">
          <h2 id="decided-heading" className="text-lg font-semibold text-neutral-900">
            Recently decided
          </h2>
          <ul className="mt-3 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white">
            {decided.map((claim) => (
              <li key={claim.id} className="flex flex-wrap items-start justify-between gap-2 px-4 py-3 text-sm">
                <div className="min-w-0">
                  <p>
                    <span className="font-medium text-neutral-900">{claim.email}</span> · {claim.ruleName}
                  </p>
                  <p>
                    <ClaimLink url={claim.url} />
                  </p>
                  <p className="text-neutral-600">
                    {claim.decidedAt ? formatDateTime(claim.decidedAt) : null}
                    {claim.decisionReason ? ` — ${claim.decisionReason}` : null}
                  </p>
                </div>
                <Badge tone={claim.status === "approved" ? "success" : "danger"} dot>
                  {claim.status === "approved" ? "Approved" : "Rejected"}
                </Badge>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
