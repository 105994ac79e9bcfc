import { BackLink } from "@/components/admin/back-link";
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { Plan } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/guards";
import { syncPlansAction } from "@/lib/billing/admin-actions";
import { listPlansForAdmin } from "@/lib/billing/admin-plans";
import { formatDateTime, formatMoney } from "@/lib/format";
import { INTERVAL_LABELS, KIND_LABELS } from "./_components/plan-labels";
import { SyncPlansForm } from "./_components/sync-plans-form";

export const metadata: Metadata = { title: "Plans · Admin" };

function StripeState({ plan }: { plan: Plan }) {
  if (plan.kind === "free") return <span className="text-neutral-500">Not sold through Stripe</span>;
  if (!plan.stripePriceId || !plan.syncedAt) return <Badge tone="warning">Not synced</Badge>;
  return (
    <span className="block min-w-0">
      <code className="text-xs break-all">{plan.stripePriceId}</code>
      <span className="block text-xs text-neutral-500">synced {formatDateTime(plan.syncedAt)}</span>
    </span>
  );
}

function ActiveBadge({ plan }: { plan: Plan }) {
  return plan.active ? <Badge tone="success" dot>Active</Badge> : <Badge dot>Inactive</Badge>;
}

const price = (plan: Plan) => formatMoney(plan.priceCents, plan.currency.toUpperCase());
const interval = (plan: Plan) => (plan.interval ? INTERVAL_LABELS[plan.interval] : "—");
const trial = (plan: Plan) => (plan.trialDays ? `${plan.trialDays} days` : "None");

export default async function AdminPlansPage() {
  await requireAdmin("/admin/plans");
  const plans = await listPlansForAdmin();
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink />
      <PageHeader className="mt-2" title="Plans" description="What members can buy, what each plan gives, and whether Stripe is up to date." />

      {plans.length === 0 ? (
        <EmptyState className="mt-8" title="No plans yet" description="Plans are created by the seed (npm run db:seed) or when the dev server first starts." />
      ) : (
        <>
          {/* Phones: one card per plan. */}
          <ul className="mt-8 space-y-3 md:hidden">
            {plans.map((plan) => (
              <li key={plan.id}>
                <Card>
                  <CardContent className="space-y-3">
                    <div className="flex items-start justify-between gap-3">
                      <div className="min-w-0">
                        <p className="font-semibold text-neutral-900">{plan.name}</p>
                        <p className="text-sm text-neutral-600">{KIND_LABELS[plan.kind]}</p>
                      </div>
                      <ActiveBadge plan={plan} />
                    </div>
                    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
                      <dt className="text-neutral-600">Price</dt>
                      <dd className="font-medium">{price(plan)}</dd>
                      <dt className="text-neutral-600">Billed</dt>
                      <dd>{interval(plan)}</dd>
                      <dt className="text-neutral-600">Trial</dt>
                      <dd>{trial(plan)}</dd>
                      <dt className="text-neutral-600">Stripe</dt>
                      <dd className="min-w-0">
                        <StripeState plan={plan} />
                      </dd>
                    </dl>
                    <Link href={`/admin/plans/${plan.id}`} className={buttonClasses("secondary", "sm", "w-full")}>
                      Edit {plan.name}
                    </Link>
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>

          {/* Wider screens: a table. */}
          <div className="mt-8 hidden overflow-hidden rounded-lg border border-neutral-200 bg-white md:block">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Plans</caption>
              <thead className="bg-neutral-50 text-neutral-600">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">Plan</th>
                  <th scope="col" className="px-4 py-3 font-medium">Price</th>
                  <th scope="col" className="px-4 py-3 font-medium">Billed</th>
                  <th scope="col" className="px-4 py-3 font-medium">Trial</th>
                  <th scope="col" className="px-4 py-3 font-medium">Status</th>
                  <th scope="col" className="px-4 py-3 font-medium">Stripe</th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    <span className="sr-only">Edit</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-200">
                {plans.map((plan) => (
                  <tr key={plan.id} className="align-top">
                    <th scope="row" className="px-4 py-3 font-normal">
                      <span className="block font-medium text-neutral-900">{plan.name}</span>
                      <span className="block text-neutral-600">{KIND_LABELS[plan.kind]}</span>
                    </th>
                    <td className="px-4 py-3 font-medium whitespace-nowrap">{price(plan)}</td>
                    <td className="px-4 py-3">{interval(plan)}</td>
                    <td className="px-4 py-3 whitespace-nowrap">{trial(plan)}</td>
                    <td className="px-4 py-3">
                      <ActiveBadge plan={plan} />
                    </td>
                    <td className="max-w-56 px-4 py-3">
                      <StripeState plan={plan} />
                    </td>
                    <td className="px-4 py-3 text-right">
                      <Link href={`/admin/plans/${plan.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        Edit<span className="sr-only"> {plan.name}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <Card className="mt-8">
        <CardHeader>
          <CardTitle>Stripe</CardTitle>
          <CardDescription>
            Checkout finds each paid plan&apos;s price by its lookup key. Syncing creates a new price only where the plan&apos;s price or
            interval changed; it is safe to repeat. Existing subscribers keep the price they signed up with.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SyncPlansForm action={syncPlansAction} />
        </CardContent>
      </Card>
    </div>
  );
}
