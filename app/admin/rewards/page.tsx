import { BackLink } from "@/components/admin/back-link";
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { Reward } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/guards";
import { formatPoints } from "@/lib/format";
import { listRewardsForAdmin, type AdminRewardRow } from "@/lib/rewards/admin";
import { KIND_LABELS, STATUS_LABELS } from "@/lib/rewards/schemas";

export const metadata: Metadata = { title: "Rewards · Admin" };

function StatusBadge({ status }: { status: Reward["status"] }) {
  const tone = status === "active" ? "success" : status === "draft" ? "warning" : "neutral";
  return (
    <Badge tone={tone} dot>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

function availability(r: AdminRewardRow): string {
  if (r.kind === "experience") return `${r.sessions} ${r.sessions === 1 ? "session" : "sessions"}`;
  return r.stock === null ? "Unlimited" : `${r.stock} in stock`;
}

export default async function AdminRewardsPage() {
  await requireAdmin("/admin/rewards");
  const rows = await listRewardsForAdmin();
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink />
      <PageHeader
        className="mt-2"
        title="Rewards"
        description="What members can spend their points on: discounts, products, services, donations and experiences."
        actions={
          <Link href="/admin/rewards/new" className={buttonClasses("primary")}>
            New reward
          </Link>
        }
      />

      {rows.length === 0 ? (
        <EmptyState className="mt-8" title="No rewards yet" description="Create the first reward, or run the seed (npm run db:seed) for a demo catalog." />
      ) : (
        <>
          {/* Phones: one card per reward. */}
          <ul className="mt-8 space-y-3 md:hidden">
            {rows.map((r) => (
              <li key={r.id}>
                <Card>
                  <CardContent className="space-y-3">
                    <div className="flex items-start justify-between gap-3">
                      <div className="min-w-0">
                        <p className="font-semibold text-neutral-900">{r.title}</p>
                        <p className="text-sm text-neutral-600">{KIND_LABELS[r.kind]}</p>
                      </div>
                      <StatusBadge status={r.status} />
                    </div>
                    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
                      <dt className="text-neutral-600">Cost</dt>
                      <dd className="font-medium">{formatPoints(r.pointsCost)}</dd>
                      <dt className="text-neutral-600">Available</dt>
                      <dd>{availability(r)}</dd>
                      <dt className="text-neutral-600">Redeemed</dt>
                      <dd>{r.redeemed}</dd>
                    </dl>
                    <Link href={`/admin/rewards/${r.id}`} className={buttonClasses("secondary", "sm", "w-full")}>
                      Edit {r.title}
                    </Link>
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>

          {/* Wider screens: a table. */}
          <div className="mt-8 hidden overflow-hidden rounded-lg border border-neutral-200 bg-white md:block">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Rewards</caption>
              <thead className="bg-neutral-50 text-neutral-600">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">Reward</th>
                  <th scope="col" className="px-4 py-3 font-medium">Cost</th>
                  <th scope="col" className="px-4 py-3 font-medium">Available</th>
                  <th scope="col" className="px-4 py-3 font-medium">Redeemed</th>
                  <th scope="col" className="px-4 py-3 font-medium">Status</th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-200">
                {rows.map((r) => (
                  <tr key={r.id} className="align-top">
                    <th scope="row" className="px-4 py-3 font-normal">
                      <span className="block font-medium text-neutral-900">{r.title}</span>
                      <span className="block text-neutral-600">
                        {KIND_LABELS[r.kind]}
                        {r.category ? ` · ${r.category}` : ""}
                      </span>
                    </th>
                    <td className="px-4 py-3 font-medium whitespace-nowrap">{formatPoints(r.pointsCost)}</td>
                    <td className="px-4 py-3 whitespace-nowrap">{availability(r)}</td>
                    <td className="px-4 py-3">{r.redeemed}</td>
                    <td className="px-4 py-3">
                      <StatusBadge status={r.status} />
                    </td>
                    <td className="px-4 py-3 text-right whitespace-nowrap">
                      <Link href={`/admin/rewards/${r.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        Edit<span className="sr-only"> {r.title}</span>
                      </Link>
                      {r.kind === "experience" ? (
                        <Link href={`/admin/rewards/${r.id}/sessions`} className="ml-4 font-medium text-brand-700 underline-offset-2 hover:underline">
                          Sessions<span className="sr-only"> of {r.title}</span>
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
