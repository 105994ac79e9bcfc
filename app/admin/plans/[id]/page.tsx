import { BackLink } from "@/components/admin/back-link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PlanForm } from "@/components/admin/plan-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { syncPlanAction, updatePlanAction } from "@/lib/billing/admin-actions";
import { findPlan } from "@/lib/billing/admin-plans";
import { formatDateTime } from "@/lib/format";
import { INTERVAL_LABELS, KIND_LABELS } from "../_components/plan-labels";
import { SyncPlanForm } from "../_components/sync-plan-form";

export const metadata: Metadata = { title: "Edit plan · Admin" };

export default async function AdminPlanPage({ params }: PageProps<"/admin/plans/[id]">) {
  const { id } = await params;
  await requireAdmin(`/admin/plans/${encodeURIComponent(id)}`);
  const plan = await findPlan(id);
  if (!plan) notFound();
  const kind = plan.kind === "recurring" && plan.interval ? `${KIND_LABELS.recurring}, ${INTERVAL_LABELS[plan.interval].toLowerCase()}` : KIND_LABELS[plan.kind];

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10">
      <BackLink href="/admin/plans" label="All plans" />
      <PageHeader
        className="mt-2"
        title={`Edit ${plan.name}`}
        description={
          <>
            {kind}. The kind of a plan can&apos;t change: create a new plan instead.
          </>
        }
        actions={plan.active ? <Badge tone="success" dot>Active</Badge> : <Badge dot>Inactive</Badge>}
      />

      {plan.kind !== "free" ? (
        <Card className="mt-8">
          <CardHeader>
            <CardTitle>Stripe</CardTitle>
            <CardDescription>
              {plan.lookupKey ? (
                <>
                  Lookup key <code className="text-xs">{plan.lookupKey}</code>.{" "}
                </>
              ) : (
                <>This plan has no lookup key, so it can&apos;t be synced or sold. </>
              )}
              {plan.stripePriceId && plan.syncedAt ? (
                <>
                  Current price <code className="text-xs break-all">{plan.stripePriceId}</code>, synced {formatDateTime(plan.syncedAt)}.
                </>
              ) : (
                <>Not synced yet.</>
              )}
            </CardDescription>
          </CardHeader>
          <CardContent className="pt-0 sm:pt-0">
            <SyncPlanForm planId={plan.id} action={syncPlanAction} />
          </CardContent>
        </Card>
      ) : null}

      <Card className="mt-6">
        <CardContent>
          <PlanForm plan={plan} action={updatePlanAction} />
        </CardContent>
      </Card>
    </div>
  );
}
