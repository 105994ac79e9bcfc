import type { Metadata } from "next";
import { BackLink } from "@/components/admin/back-link";
import { ReferralDecisionForm } from "@/components/referrals/referral-decision-form";
import { ReferralSettingsForm } from "@/components/referrals/referral-settings-form";
import { rate } from "@/components/referrals/referral-status";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime, formatMoney, formatPoints } from "@/lib/format";
import { offerForFriend, refereeOffer } from "@/lib/referrals/offer";
import { flaggedReferrals, programFunnel, referralRevenue, topReferrers } from "@/lib/referrals/report";
import { getReferralSettings } from "@/lib/referrals/settings";
import { decideReferralAction, updateReferralSettingsAction } from "@/lib/referrals-ui/actions";
import { Stat } from "@/components/admin/stat";

export const metadata: Metadata = { title: "Referrals · Admin" };

const number = new Intl.NumberFormat("en-US");

export default async function AdminReferralsPage() {
  await requireAdmin("/admin/referrals");
  const [settings, funnel, revenue, top, queue] = await Promise.all([getReferralSettings(), programFunnel(), referralRevenue(), topReferrers(), flaggedReferrals()]);
  const friendGets = offerForFriend(refereeOffer(settings));

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink />
      <PageHeader
        className="mt-2"
        title="Referrals"
        description={`Members share a link; a friend's first paid membership earns the referrer points after a hold period.${friendGets ? ` The friend gets ${friendGets}.` : ""} Tune the rules, watch the funnel and review flagged referrals.`}
      />

      <section className="mt-8" aria-labelledby="funnel-heading">
        <h2 id="funnel-heading" className="text-lg font-semibold text-neutral-900">
          Funnel
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-3 lg:grid-cols-3">
          <Stat label="Clicks" value={number.format(funnel.clicks)} />
          <Stat label="Sign-ups" value={number.format(funnel.signups)} detail={`${rate(funnel.signups, funnel.clicks)} of clicks`} />
          <Stat label="Conversions" value={number.format(funnel.conversions)} detail={`${rate(funnel.conversions, funnel.signups)} of sign-ups`} />
          <Stat label="Click to paid" value={rate(funnel.conversions, funnel.clicks)} />
          <Stat label="Revenue from referred members" value={formatMoney(revenue.cents)} detail={`${number.format(revenue.payments)} first ${revenue.payments === 1 ? "payment" : "payments"}`} />
          <Stat
            label="Points paid"
            value={formatPoints(funnel.pointsPaid)}
            detail={funnel.welcomePoints ? `to referrers, net of voids; plus ${formatPoints(funnel.welcomePoints)} welcome bonus to friends` : "to referrers, net of voids"}
          />
        </dl>
        <p className="mt-2 text-sm text-neutral-600">
          Held for review: {number.format(funnel.byStatus.flagged ?? 0)} · Voided after a refund: {number.format(funnel.byStatus.void ?? 0)} · Rejected or blocked:{" "}
          {number.format((funnel.byStatus.rejected ?? 0) + (funnel.byStatus.blocked ?? 0))}
        </p>
        <p className="mt-1 text-sm text-neutral-600">
          Revenue from referred members is the first paid membership of each converted referral — the payment that qualified it, after the friend&apos;s discount. Refunded
          or disputed payments drop out; renewals are not counted.
          {revenue.estimated
            ? ` ${number.format(revenue.estimated)} of these ${revenue.estimated === 1 ? "payment has" : "payments have"} no recorded amount and ${revenue.estimated === 1 ? "counts" : "count"} at the plan's list price.`
            : null}
        </p>
      </section>

      <section className="mt-10" aria-labelledby="queue-heading">
        <h2 id="queue-heading" className="text-lg font-semibold text-neutral-900">
          Review queue{queue.length ? ` (${queue.length})` : ""}
        </h2>
        {queue.length === 0 ? (
          <EmptyState
            className="mt-3"
            title="Nothing to review"
            description="Referrals the fraud rules flag (one network, bursts of clicks, disposable emails) wait here until approved or rejected."
          />
        ) : (
          <ul className="mt-3 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white" aria-label="Flagged referrals">
            {queue.map((row) => (
              <li key={row.id} className="grid gap-4 px-4 py-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
                <div className="min-w-0 space-y-1 text-sm">
                  <p className="font-medium break-all text-neutral-900">
                    {row.referrerEmail} referred {row.refereeEmail}
                  </p>
                  <p>
                    <Badge tone="warning">{row.reason ?? "Flagged"}</Badge>
                  </p>
                  <p className="text-neutral-600">
                    Code {row.code} · signed up {formatDateTime(row.createdAt)}
                  </p>
                </div>
                <ReferralDecisionForm referralId={row.id} subject={`referral of ${row.refereeEmail} by ${row.referrerEmail}`} action={decideReferralAction} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="mt-10" aria-labelledby="top-heading">
        <h2 id="top-heading" className="text-lg font-semibold text-neutral-900">
          Top referrers
        </h2>
        {top.length === 0 ? (
          <EmptyState className="mt-3" title="No referrals yet" description="Members who bring in friends show here, most paid conversions first." />
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-neutral-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Top referrers by paid conversions</caption>
              <thead className="bg-neutral-50 text-neutral-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Member
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    Sign-ups
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    Paid
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-200">
                {top.map((row) => (
                  <tr key={row.userId}>
                    <th scope="row" className="px-4 py-2 font-normal">
                      <span className="block font-medium text-neutral-900">{row.name ?? row.email}</span>
                      {row.name ? <span className="block text-neutral-600">{row.email}</span> : null}
                    </th>
                    <td className="px-4 py-2 text-right tabular-nums">{number.format(row.signups)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{number.format(row.conversions)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <Card className="mt-10">
        <CardHeader>
          <CardTitle>Settings</CardTitle>
          <CardDescription>Changes apply to new clicks and sign-ups; each one is recorded in the audit log with your reason.</CardDescription>
        </CardHeader>
        <CardContent>
          <ReferralSettingsForm values={settings} action={updateReferralSettingsAction} />
        </CardContent>
      </Card>
    </div>
  );
}
