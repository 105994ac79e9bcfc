import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LockNote } from "@/components/rewards/lock-note";
import { RedeemForm } from "@/components/rewards/redeem-form";
import { RewardImage } from "@/components/rewards/reward-image";
import { SessionList } from "@/components/rewards/session-list";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { getCurrentUser } from "@/lib/auth/guards";
import { formatPoints } from "@/lib/format";
import { customerForUser } from "@/lib/ledger/customers";
import { acceptOfferAction, joinWaitlistAction, leaveWaitlistAction, redeemRewardAction } from "@/lib/rewards/actions";
import { getRewardDetail, getViewer, pointsLine, KIND_LABELS } from "@/lib/rewards/catalog";
import { markdownExcerpt, renderMarkdown } from "@/lib/rewards/markdown";

export async function generateMetadata(props: PageProps<"/rewards/[slug]">): Promise<Metadata> {
  const { slug } = await props.params;
  const reward = await getRewardDetail(slug, null);
  return reward ? { title: reward.title, description: markdownExcerpt(reward.description) } : { title: "Reward not found" };
}

export default async function RewardPage(props: PageProps<"/rewards/[slug]">) {
  const { slug } = await props.params;
  const user = await getCurrentUser();
  const viewer = await getViewer(user ? (await customerForUser(user)).id : null);
  const reward = await getRewardDetail(slug, viewer);
  if (!reward) notFound();
  const signInHref = `/sign-in?${new URLSearchParams({ callbackUrl: `/rewards/${reward.slug}` })}`;
  const cost = `${reward.costFrom ? "From " : ""}${formatPoints(reward.cost)}`;

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-8 sm:px-6 sm:py-10">
      <p>
        <Link href="/rewards" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline-offset-4 hover:underline sm:min-h-0">
          ← All rewards
        </Link>
      </p>
      <article className="mt-4 space-y-6">
        <div className="overflow-hidden rounded-lg border border-neutral-200">
          <RewardImage src={reward.imageSrc} kind={reward.kind} className="max-h-80" />
        </div>
        <header className="space-y-2">
          <div className="flex flex-wrap gap-1.5">
            <Badge>{KIND_LABELS[reward.kind]}</Badge>
            {reward.earlyAccess ? <Badge tone="gold">Early access</Badge> : null}
          </div>
          <h1 className="text-2xl font-semibold tracking-tight text-balance text-neutral-900 sm:text-3xl">{reward.title}</h1>
          <p className="text-lg font-semibold text-brand-800 tabular-nums">{cost}</p>
          {reward.lock ? <LockNote lock={reward.lock} /> : null}
          {reward.points && !reward.lock ? (
            <p className={reward.points.short > 0 ? "text-sm text-neutral-700" : "text-sm font-medium text-success-800"}>{pointsLine(reward.points)}</p>
          ) : null}
          {reward.stock !== null && reward.kind !== "experience" && !reward.lock ? (
            <p className="text-sm text-neutral-600">{reward.stock === 1 ? "Only 1 left" : `${reward.stock} left`}</p>
          ) : null}
          {reward.cause ? <p className="text-sm text-neutral-700">Your points support {reward.cause}.</p> : null}
        </header>

        {/* Admin-written markdown, sanitised by renderMarkdown (allow-listed tags and link schemes). */}
        <div
          className="space-y-3 text-base text-neutral-800 [&_a]:text-brand-700 [&_a]:underline [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6"
          dangerouslySetInnerHTML={{ __html: renderMarkdown(reward.description) }}
        />

        {reward.kind === "experience" ? (
          <section aria-labelledby="sessions-heading" className="space-y-3">
            <h2 id="sessions-heading" className="text-lg font-semibold text-neutral-900">
              Dates
            </h2>
            {reward.sessions.length ? (
              <SessionList
                rewardId={reward.id}
                sessions={reward.sessions}
                member={!!viewer}
                signInHref={signInHref}
                lock={reward.lock}
                actions={{ book: redeemRewardAction, join: joinWaitlistAction, leave: leaveWaitlistAction, accept: acceptOfferAction }}
                requestKeys={Object.fromEntries(reward.sessions.map((s) => [s.id, randomUUID()]))}
              />
            ) : (
              <EmptyState as="h3" title="No upcoming dates" description="New dates are added regularly. Check back soon." />
            )}
          </section>
        ) : reward.lock ? null : viewer ? (
          <section aria-label="Redeem" className="rounded-lg border border-neutral-200 bg-white p-4 sm:p-5">
            {/* A new key per render: a redeem revalidates this page, so redeeming again on purpose is a new request. */}
            <RedeemForm action={redeemRewardAction} rewardId={reward.id} requestKey={randomUUID()} kind={reward.kind} cost={reward.cost} />
          </section>
        ) : (
          <Link href={signInHref} className={buttonClasses("primary", "lg", "w-full sm:w-auto")}>
            Sign in to redeem
          </Link>
        )}
      </article>
    </div>
  );
}
