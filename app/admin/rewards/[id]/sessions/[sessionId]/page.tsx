import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RewardConfirmForm } from "@/components/admin/reward-confirm-form";
import { RewardSessionForm } from "@/components/admin/reward-session-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { findReward, findSession } from "@/lib/rewards/admin";
import { cancelDraftSessionAction, updateSessionAction } from "@/lib/rewards/admin-actions";

export const metadata: Metadata = { title: "Edit session · Admin" };

function timeZoneChoices(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}

export default async function EditSessionPage({ params }: PageProps<"/admin/rewards/[id]/sessions/[sessionId]">) {
  const { id, sessionId } = await params;
  await requireAdmin(`/admin/rewards/${encodeURIComponent(id)}/sessions/${encodeURIComponent(sessionId)}`);
  const [reward, session] = await Promise.all([findReward(id), findSession(sessionId)]);
  if (!reward || !session || session.rewardId !== reward.id) notFound();

  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-10">
      <p className="text-sm">
        <Link href={`/admin/rewards/${reward.id}/sessions`} className="text-brand-700 underline-offset-2 hover:underline">
          ← Sessions of {reward.title}
        </Link>
      </p>
      <PageHeader className="mt-2" title="Edit session" description={`${reward.title}. ${session.booked} of ${session.capacity} seats booked.`} />

      {session.status === "cancelled" ? (
        <Alert tone="warning" className="mt-6" title="This session was cancelled">
          It can&apos;t be edited. Add a new session instead.
        </Alert>
      ) : (
        <>
          <Card className="mt-6">
            <CardContent>
              <RewardSessionForm key={JSON.stringify([session.capacity, session.startsAt, session.endsAt, session.mode])} rewardId={reward.id} session={session} timeZones={timeZoneChoices()} defaultTimeZone={session.timeZone} action={updateSessionAction} />
            </CardContent>
          </Card>
          <Card className="mt-6">
            <CardHeader>
              <CardTitle>Cancel this session</CardTitle>
              <CardDescription>
                {session.booked > 0 ? (
                  <>
                    Members have booked this session. Cancel it from{" "}
                    <Link href={`/admin/sessions/${session.id}`} className="font-medium text-brand-700 underline">
                      the session&apos;s operations page
                    </Link>
                    , which refunds their points and tells them.
                  </>
                ) : (
                  "Nobody has booked it yet, so cancelling only removes it from the catalog."
                )}
              </CardDescription>
            </CardHeader>
            {session.booked === 0 ? (
              <CardContent className="pt-0 sm:pt-0">
                <RewardConfirmForm id={session.id} action={cancelDraftSessionAction} label="Cancel session" done="Session cancelled." />
              </CardContent>
            ) : null}
          </Card>
        </>
      )}
    </div>
  );
}
