import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CancelBookingForm } from "@/components/rewards/cancel-booking-form";
import { RedemptionStatus } from "@/components/rewards/redemption-status";
import { RewardCode } from "@/components/rewards/reward-code";
import { TicketQr } from "@/components/rewards/ticket-qr";
import { Card, CardContent } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/guards";
import { formatDate, formatDateTime, formatPoints } from "@/lib/format";
import { customerForUser } from "@/lib/ledger/customers";
import { cancelBookingAction } from "@/lib/rewards/actions";
import { cancellation, formatAddress, formatSessionWhen, getMemberRedemption, sessionPlace } from "@/lib/rewards/catalog";

export const metadata: Metadata = { title: "Your redemption" };

/** One redemption; for a booking, the ticket: its code as text and as a QR code, and cancelling before the cut-off. */
export default async function RedemptionPage(props: PageProps<"/redemptions/[id]">) {
  const { id } = await props.params;
  const user = await requireUser(`/redemptions/${id}`);
  const customer = await customerForUser(user);
  const item = await getMemberRedemption(customer.id, id);
  if (!item) notFound();
  const { redemption, reward, session, ticket } = item;
  const cancel = cancellation(item);
  const live = redemption.status !== "cancelled";

  return (
    <div className="mx-auto w-full max-w-xl px-4 py-8 sm:py-10">
      <p>
        <Link href="/redemptions" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline-offset-4 hover:underline sm:min-h-0">
          ← Your redemptions
        </Link>
      </p>
      <div className="mt-4 space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight text-balance text-neutral-900">
          {session ? "Your ticket: " : ""}
          {reward.title}
        </h1>
        <div className="flex flex-wrap items-center gap-2 text-sm text-neutral-600">
          <RedemptionStatus status={redemption.status} kind={reward.kind} trackingNumber={redemption.trackingNumber} checkedIn={!!ticket?.checkedInAt} />
          <span>
            {formatPoints(redemption.pointsCost)} · {formatDate(redemption.createdAt)}
          </span>
        </div>
      </div>

      {redemption.code && live ? (
        <Card className="mt-6">
          <CardContent className="space-y-2">
            <h2 className="text-base font-semibold text-neutral-900">Your code</h2>
            <RewardCode code={redemption.code} />
            <p className="text-sm text-neutral-600">Enter it at checkout, online or in store.</p>
          </CardContent>
        </Card>
      ) : null}

      {session && ticket ? (
        <Card className="mt-6">
          <CardContent className="space-y-4">
            {live ? (
              <div className="flex flex-col items-center gap-2 rounded-lg border border-neutral-200 bg-white p-4">
                <TicketQr code={ticket.code} />
                <p className="text-sm text-neutral-600">Ticket code</p>
                <p data-testid="ticket-code" className="font-mono text-2xl font-semibold tracking-[0.2em] text-neutral-900">
                  {ticket.code}
                </p>
              </div>
            ) : null}
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="font-medium text-neutral-600">When</dt>
              <dd className="text-neutral-900">{formatSessionWhen(session)}</dd>
              {sessionPlace(session) ? (
                <>
                  <dt className="font-medium text-neutral-600">Where</dt>
                  <dd className="text-neutral-900">{sessionPlace(session)}</dd>
                </>
              ) : null}
              {session.onlineUrl && live ? (
                <>
                  <dt className="font-medium text-neutral-600">Join</dt>
                  <dd className="break-all">
                    <a href={session.onlineUrl} className="text-brand-700 underline" rel="noopener noreferrer" target="_blank">
                      {session.onlineUrl}
                      <span className="sr-only"> (opens in a new tab)</span>
                    </a>
                  </dd>
                </>
              ) : null}
              {ticket.checkedInAt ? (
                <>
                  <dt className="font-medium text-neutral-600">Checked in</dt>
                  <dd className="text-neutral-900">{formatDateTime(ticket.checkedInAt)}</dd>
                </>
              ) : null}
            </dl>
            {cancel?.allowed ? (
              <div className="space-y-2 border-t border-neutral-200 pt-4">
                <p className="text-sm text-neutral-700">
                  Can&apos;t make it? Cancel by {formatDateTime(cancel.until)} and your {formatPoints(redemption.pointsCost)} come back.
                </p>
                <CancelBookingForm action={cancelBookingAction} redemptionId={redemption.id} />
              </div>
            ) : cancel ? (
              <p className="border-t border-neutral-200 pt-4 text-sm text-neutral-700">Online cancellation closed on {formatDateTime(cancel.until)}. Need to change plans? Please contact us.</p>
            ) : null}
            {!live ? <p className="text-sm text-neutral-700">This booking was cancelled{redemption.cancelReason ? ` (${redemption.cancelReason.toLowerCase()})` : ""}; its points were returned.</p> : null}
          </CardContent>
        </Card>
      ) : null}

      {redemption.shippingAddress ? (
        <Card className="mt-6">
          <CardContent className="space-y-1 text-sm">
            <h2 className="text-base font-semibold text-neutral-900">Shipping to</h2>
            <p className="text-neutral-800">{formatAddress(redemption.shippingAddress)}</p>
            {redemption.trackingNumber ? <p className="text-neutral-800">Tracking number: <span className="font-mono">{redemption.trackingNumber}</span></p> : null}
          </CardContent>
        </Card>
      ) : null}

      {redemption.status === "cancelled" && !session ? <p className="mt-6 text-sm text-neutral-700">This redemption was cancelled and its points were returned.</p> : null}
    </div>
  );
}
