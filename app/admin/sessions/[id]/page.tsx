import { BackLink } from "@/components/admin/back-link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime, formatPoints } from "@/lib/format";
import { formatSessionTime, getDrawSummary } from "@/lib/rewards/draw";
import { runDrawAction } from "@/lib/rewards/draw-actions";
import { getSessionDetail, listAttendees } from "@/lib/rewards/operations";
import { cancelSessionAction } from "@/lib/rewards/operations-actions";
import { CancelSessionForm } from "./_components/cancel-session-form";
import { RunDrawForm } from "./_components/run-draw-form";

export const metadata: Metadata = { title: "Session · Admin" };

export default async function AdminSessionPage({ params }: PageProps<"/admin/sessions/[id]">) {
  const { id } = await params;
  await requireAdmin(`/admin/sessions/${encodeURIComponent(id)}`);
  const detail = await getSessionDetail(id);
  if (!detail) notFound();
  const { session, reward } = detail;
  const [attendees, draw] = await Promise.all([listAttendees(id), getDrawSummary(id)]);
  const checkedIn = attendees.filter((a) => a.checkedInAt).length;
  const cancelled = session.status === "cancelled";

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink />
      <PageHeader
        className="mt-2"
        title={reward.title}
        description={
          <>
            {formatSessionTime(session.startsAt, session.timeZone)}
            {session.location ? ` · ${session.location}` : ""} · {formatPoints(session.pointsCost ?? reward.pointsCost)}
          </>
        }
        actions={
          <>
            {cancelled ? (
              <Badge tone="danger" dot>
                Cancelled
              </Badge>
            ) : (
              <Badge tone="success" dot>
                Scheduled
              </Badge>
            )}
            <Badge tone="brand">{session.mode === "draw" ? "Fair draw" : "First come"}</Badge>
          </>
        }
      />
      <p className="mt-4 text-sm text-neutral-700">
        {session.booked} of {session.capacity} places booked · {checkedIn} checked in
      </p>

      {draw ? (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>Fair draw</CardTitle>
            <CardDescription>
              Entries {draw.opensAt ? `from ${formatDateTime(draw.opensAt)} ` : ""}until {formatDateTime(draw.closesAt)} · {draw.entries} {draw.entries === 1 ? "entry" : "entries"}
            </CardDescription>
          </CardHeader>
          <CardContent className="space-y-3 text-sm">
            {draw.drawnAt ? (
              <>
                <p>
                  Drawn {formatDateTime(draw.drawnAt)}: {draw.won} won, {draw.skipped} skipped (not enough points), {draw.lost} not drawn.
                </p>
                <p>
                  Published seed: <code className="font-mono break-all">{draw.seed}</code>
                </p>
                <p className="text-neutral-600">
                  Anyone can re-run it: sort the entry ids ascending, then Fisher–Yates from the end, each index drawn by rejection sampling from
                  big-endian 32-bit words of SHA-256(&quot;seed:k&quot;), k = 0, 1, 2… (lib/rewards/draw.ts).
                </p>
              </>
            ) : cancelled ? (
              <p>The session was cancelled before the draw.</p>
            ) : (
              <RunDrawForm sessionId={session.id} action={runDrawAction} />
            )}
          </CardContent>
        </Card>
      ) : null}

      <section className="mt-8" aria-labelledby="attendees-heading">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="attendees-heading" className="text-lg font-semibold text-neutral-900">
            Attendees ({attendees.length})
          </h2>
          {attendees.length ? (
            <a href={`/admin/sessions/${session.id}/attendees.csv`} download className={buttonClasses("secondary", "sm")}>
              Download CSV
            </a>
          ) : null}
        </div>
        {attendees.length === 0 ? (
          <EmptyState className="mt-3" title="No bookings" description={cancelled ? "Every booking was cancelled and refunded." : "Bookings show here as members book."} />
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-neutral-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-neutral-50 text-neutral-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Name</th>
                  <th scope="col" className="px-4 py-2 font-medium">Email</th>
                  <th scope="col" className="px-4 py-2 font-medium">Ticket</th>
                  <th scope="col" className="px-4 py-2 font-medium">Checked in</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-200">
                {attendees.map((a) => (
                  <tr key={a.redemptionId}>
                    <td className="px-4 py-2 font-medium text-neutral-900">{a.name}</td>
                    <td className="px-4 py-2 break-all">{a.email}</td>
                    <td className="px-4 py-2 font-mono">{a.ticketCode ?? "—"}</td>
                    <td className="px-4 py-2">{a.checkedInAt ? <Badge tone="success">{formatDateTime(a.checkedInAt)}</Badge> : <span className="text-neutral-600">No</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {!cancelled ? (
        <Card className="mt-10 border-danger-200">
          <CardHeader>
            <CardTitle>Cancel this session</CardTitle>
            <CardDescription>Every booking is cancelled with its points returned, attendees are emailed, and the waitlist and draw are closed. This can&apos;t be undone.</CardDescription>
          </CardHeader>
          <CardContent>
            <CancelSessionForm sessionId={session.id} bookings={attendees.length} action={cancelSessionAction} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
