import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RewardPreview } from "@/components/admin/reward-preview";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { findReward, listSessionsForAdmin } from "@/lib/rewards/admin";
import { rewardImageSrc } from "@/lib/rewards/images";
import { markdownExcerpt, renderMarkdown } from "@/lib/rewards/markdown";

export const metadata: Metadata = { title: "Preview reward · Admin" };

export default async function RewardPreviewPage({ params }: PageProps<"/admin/rewards/[id]/preview">) {
  const { id } = await params;
  await requireAdmin(`/admin/rewards/${encodeURIComponent(id)}/preview`);
  const reward = await findReward(id);
  if (!reward) notFound();
  const sessions = reward.kind === "experience" ? await listSessionsForAdmin(reward.id) : [];
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <p className="text-sm">
        <Link href={`/admin/rewards/${reward.id}`} className="text-brand-700 underline-offset-2 hover:underline">
          ← Edit {reward.title}
        </Link>
      </p>
      <PageHeader className="mt-2" title={`Preview: ${reward.title}`} description="How members see this reward. The description is shown exactly as sanitised for them." />
      {reward.status !== "active" ? (
        <Alert tone="info" className="mt-6">
          This reward is {reward.status}: members don&apos;t see it yet.
        </Alert>
      ) : null}
      <div className="mt-8">
        <RewardPreview reward={reward} imageSrc={rewardImageSrc(reward)} descriptionHtml={renderMarkdown(reward.description)} excerpt={markdownExcerpt(reward.description)} sessions={sessions} />
      </div>
    </div>
  );
}
