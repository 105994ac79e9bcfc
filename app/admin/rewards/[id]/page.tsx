import { BackLink } from "@/components/admin/back-link";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RewardConfirmForm } from "@/components/admin/reward-confirm-form";
import { RewardForm } from "@/components/admin/reward-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { findReward, listTierChoices, rewardHistory } from "@/lib/rewards/admin";
import { archiveRewardAction, updateRewardAction } from "@/lib/rewards/admin-actions";
import { rewardImageSrc } from "@/lib/rewards/images";
import { KIND_LABELS, STATUS_LABELS } from "@/lib/rewards/schemas";

export const metadata: Metadata = { title: "Edit reward · Admin" };

export default async function EditRewardPage({ params, searchParams }: PageProps<"/admin/rewards/[id]">) {
  const { id } = await params;
  const { created } = await searchParams;
  await requireAdmin(`/admin/rewards/${encodeURIComponent(id)}`);
  const reward = await findReward(id);
  if (!reward) notFound();
  const [tiers, history] = await Promise.all([listTierChoices(), rewardHistory(reward.id)]);

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10">
      <BackLink href="/admin/rewards" label="All rewards" />
      <PageHeader
        className="mt-2"
        title={`Edit ${reward.title}`}
        description={KIND_LABELS[reward.kind]}
        actions={
          <>
            <Badge tone={reward.status === "active" ? "success" : reward.status === "draft" ? "warning" : "neutral"} dot>
              {STATUS_LABELS[reward.status]}
            </Badge>
            <Link href={`/admin/rewards/${reward.id}/preview`} className={buttonClasses("secondary", "sm")}>
              Preview
            </Link>
            {reward.kind === "experience" ? (
              <Link href={`/admin/rewards/${reward.id}/sessions`} className={buttonClasses("secondary", "sm")}>
                Sessions
              </Link>
            ) : null}
          </>
        }
      />

      {created ? (
        <Alert tone="success" title="Reward created" className="mt-6">
          {reward.kind === "experience" ? "Next, add its sessions." : "Preview it, then set it to active when it is ready."}
        </Alert>
      ) : null}

      <Card className="mt-6">
        <CardContent>
          <RewardForm key={reward.updatedAt.toISOString()} reward={reward} imageSrc={rewardImageSrc(reward)} tiers={tiers} action={updateRewardAction} />
        </CardContent>
      </Card>

      {reward.status !== "archived" ? (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>Archive</CardTitle>
            <CardDescription>Takes the reward out of the catalog. Redemptions already made stay valid. You can make it active again later.</CardDescription>
          </CardHeader>
          <CardContent className="pt-0 sm:pt-0">
            <RewardConfirmForm id={reward.id} action={archiveRewardAction} label="Archive reward" done="Archived." />
          </CardContent>
        </Card>
      ) : null}

      <section className="mt-10" aria-labelledby="history-heading">
        <h2 id="history-heading" className="text-lg font-semibold">
          Recent changes
        </h2>
        {history.length === 0 ? (
          <p className="mt-2 text-sm text-neutral-600">No changes recorded yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white">
            {history.map((entry) => (
              <li key={entry.id} className="px-4 py-3 text-sm">
                <span className="font-medium">{entry.action}</span>
                {entry.after && typeof entry.after === "object" ? <span className="text-neutral-600"> ({Object.keys(entry.after).join(", ")})</span> : null}
                {entry.reason ? <span className="text-neutral-700"> — {entry.reason}</span> : null}
                <span className="block text-neutral-500">{formatDateTime(entry.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
