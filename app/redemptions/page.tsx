import type { Metadata } from "next";
import Link from "next/link";
import { RedemptionStatus } from "@/components/rewards/redemption-status";
import { RewardCode } from "@/components/rewards/reward-code";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { formatDate, formatPoints } from "@/lib/format";
import { customerForUser } from "@/lib/ledger/customers";
import { formatSessionWhen, listMemberRedemptions } from "@/lib/rewards/catalog";

export const metadata: Metadata = { title: "Your redemptions" };

export default async function RedemptionsPage() {
  const user = await requireUser("/redemptions");
  const customer = await customerForUser(user);
  const items = await listMemberRedemptions(customer.id);

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10">
      <PageHeader
        title="Your redemptions"
        description="Codes, bookings and orders you've redeemed with points."
        actions={
          <Link href="/rewards" className={buttonClasses("secondary", "sm")}>
            Browse rewards
          </Link>
        }
      />
      <div className="mt-6">
        {items.length ? (
          <ul aria-label="Redemptions" className="divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white">
            {items.map(({ redemption, reward, session, ticket }) => (
              <li key={redemption.id} className="space-y-2 px-4 py-4">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h2 className="text-base font-semibold text-neutral-900">
                      <Link href={`/redemptions/${redemption.id}`} className="underline-offset-4 hover:underline">
                        {reward.title}
                      </Link>
                    </h2>
                    <p className="text-sm text-neutral-600">
                      {session ? formatSessionWhen(session) : `Redeemed ${formatDate(redemption.createdAt)}`} · {formatPoints(redemption.pointsCost)}
                    </p>
                  </div>
                  <RedemptionStatus status={redemption.status} kind={reward.kind} trackingNumber={redemption.trackingNumber} checkedIn={!!ticket?.checkedInAt} />
                </div>
                {redemption.code && redemption.status !== "cancelled" ? <RewardCode code={redemption.code} /> : null}
                {ticket && redemption.status !== "cancelled" ? (
                  <Link href={`/redemptions/${redemption.id}`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline-offset-4 hover:underline sm:min-h-0">
                    Show ticket {ticket.code}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState
            title="Nothing redeemed yet"
            description="When you spend points on a reward, its code, ticket or delivery shows here."
            action={
              <Link href="/rewards" className={buttonClasses("primary")}>
                See rewards
              </Link>
            }
          />
        )}
      </div>
    </div>
  );
}
