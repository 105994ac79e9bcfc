import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RewardSessionForm } from "@/components/admin/reward-session-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { ExperienceSession } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/guards";
import { formatPoints } from "@/lib/format";
import { findReward, listSessionsForAdmin } from "@/lib/rewards/admin";
import { createSessionAction } from "@/lib/rewards/admin-actions";
import { MODE_LABELS } from "@/lib/rewards/schemas";

export const metadata: Metadata = { title: "Sessions · Admin" };

/** A session's time on its own wall clock, with the zone named. */
function when(session: ExperienceSession): string {
  const format = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: session.timeZone });
  const end = new Intl.DateTimeFormat("en-US", { timeStyle: "short", timeZone: session.timeZone });
  return `${format.format(session.startsAt)} – ${end.format(session.endsAt)} (${session.timeZone})`;
}

function timeZoneChoices(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}

export default async function RewardSessionsPage({ params }: PageProps<"/admin/rewards/[id]/sessions">) {
  const { id } = await params;
  await requireAdmin(`/admin/rewards/${encodeURIComponent(id)}/sessions`);
  const reward = await findReward(id);
  if (!reward || reward.kind !== "experience") notFound();
  const sessions = await listSessionsForAdmin(reward.id);
  const lastZone = sessions.at(-1)?.timeZone ?? "UTC";

  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-10">
      <p className="text-sm">
        <Link href={`/admin/rewards/${reward.id}`} className="text-brand-700 underline-offset-2 hover:underline">
          ← Edit {reward.title}
        </Link>
      </p>
      <PageHeader className="mt-2" title={`Sessions: ${reward.title}`} description={`Each session has its own seats. Default cost ${formatPoints(reward.pointsCost)}.`} />

      {sessions.length === 0 ? (
        <EmptyState className="mt-8" title="No sessions yet" description="Add the first session below; members can book once the reward is active." />
      ) : (
        <ul className="mt-8 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-col gap-2 px-4 py-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0 text-sm">
                <p className="font-medium text-neutral-900">{when(s)}</p>
                <p className="text-neutral-600">
                  {s.location ?? "Online"} · {MODE_LABELS[s.mode]} · {s.booked} of {s.capacity} booked
                  {s.pointsCost ? ` · ${formatPoints(s.pointsCost)}` : ""}
                </p>
              </div>
              <div className="flex items-center gap-3">
                {s.status === "cancelled" ? <Badge tone="danger">Cancelled</Badge> : s.booked >= s.capacity ? <Badge tone="warning">Full</Badge> : <Badge tone="success">Open</Badge>}
                <Link href={`/admin/rewards/${reward.id}/sessions/${s.id}`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline-offset-2 hover:underline sm:min-h-0">
                  Edit<span className="sr-only"> the session on {when(s)}</span>
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}

      <Card className="mt-8">
        <CardHeader>
          <CardTitle>Add a session</CardTitle>
        </CardHeader>
        <CardContent>
          <RewardSessionForm rewardId={reward.id} timeZones={timeZoneChoices()} defaultTimeZone={lastZone} action={createSessionAction} />
        </CardContent>
      </Card>
    </div>
  );
}
