import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Definition } from "@/components/admin/analytics/definition";
import { DataTable } from "@/components/admin/analytics/data-table";
import { formatCents, formatCount, formatDay, formatMonth, formatRate, formatRateDifference } from "@/components/admin/analytics/format";
import { HeatMapTable } from "@/components/admin/analytics/heat-map-table";
import { HoldoutForm } from "@/components/admin/analytics/holdout-form";
import { RefreshForm } from "@/components/admin/analytics/refresh-form";
import { SeriesChart, type ChartPoint, type ChartSeries, type ChartValue } from "@/components/admin/analytics/series-chart";
import { Stat } from "@/components/admin/analytics/stat";
import { BackLink } from "@/components/admin/back-link";
import { DateRangeForm } from "@/components/admin/date-range-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { updateHoldoutAction, refreshAnalyticsAction } from "@/lib/analytics/actions";
import { DEFINITIONS } from "@/lib/analytics/definitions";
import { loadIncrementality } from "@/lib/analytics/incrementality";
import { loadLoyalty } from "@/lib/analytics/loyalty";
import { loadMembership } from "@/lib/analytics/membership";
import { loadNps } from "@/lib/analytics/nps";
import { loadReferralFunnel } from "@/lib/analytics/referral-funnel";
import { loadRetention } from "@/lib/analytics/retention";
import { loadRewardReturn } from "@/lib/analytics/reward-return";
import { loadRewards } from "@/lib/analytics/rewards";
import { latestRefresh } from "@/lib/analytics/rollups";
import { MIN_EXPECTED } from "@/lib/analytics/stats";
import * as tables from "@/lib/analytics/tables";
import type { AnalyticsTable } from "@/lib/analytics/tables";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime, formatPoints } from "@/lib/format";
import { getProgramCurrency } from "@/lib/orders/program-currency";
import { parseDateRange } from "@/lib/reports/date-range";
import { formatNps } from "@/lib/surveys/nps-score";

export const metadata: Metadata = { title: "Analytics · Admin" };

const SECTIONS = [
  { id: "membership", label: "Membership" },
  { id: "loyalty", label: "Loyalty effect" },
  { id: "retention", label: "Retention" },
  { id: "holdout", label: "Holdout" },
  { id: "rewards", label: "Rewards" },
  { id: "referrals", label: "Referrals" },
  { id: "nps", label: "NPS" },
] as const;

type SearchParams = Record<string, string | string[] | undefined>;
type Range = { fromDay: string; toDay: string };

function Section({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section id={id} className="mt-12 scroll-mt-6" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="text-xl font-semibold text-neutral-900">
        {title}
      </h2>
      {intro ? <div className="mt-1 max-w-prose text-sm text-neutral-600">{intro}</div> : null}
      <div className="mt-4 space-y-6">{children}</div>
    </section>
  );
}

function Stats({ children }: { children: ReactNode }) {
  return <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">{children}</dl>;
}

/** A chart for the eye and, right after it, the same numbers as a table (and its CSV). */
function ChartAndTable(props: { type: "bar" | "line"; data: ChartPoint[]; series: ChartSeries[]; value: ChartValue; table: AnalyticsTable; currency: string; range: Range; definition: string }) {
  const { table, currency, range, definition, ...chart } = props;
  return (
    <div className="space-y-3">
      <h3 className="text-base font-semibold text-neutral-900">{table.title}</h3>
      <SeriesChart {...chart} title={table.title} />
      <DataTable table={table} currency={currency} range={range} />
      <Definition figure={table.title}>{definition}</Definition>
    </div>
  );
}

const BRAND = "var(--color-brand-600)";
const MUTED = "var(--color-neutral-400)";

export default async function AdminAnalyticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin("/admin/analytics");
  const params = await searchParams;
  const dates = parseDateRange(params);
  const { range } = dates;
  const measure = params.cohorts === "purchasing" ? "purchasing" : "active";
  const refresh = await latestRefresh();

  const header = (
    <>
      <BackLink />
      <PageHeader
        className="mt-2"
        title="Analytics"
        description="How the program is doing: memberships, what members buy compared with other customers, retention, the holdout experiment, rewards, referrals and NPS."
      />
    </>
  );

  if (!refresh) {
    return (
      <div className="mx-auto w-full max-w-5xl px-4 py-10">
        {header}
        <EmptyState
          className="mt-8"
          title="No figures yet"
          description="The figures are rebuilt by the nightly job (npm run cron, or /api/cron/daily in production). Build them now to see the program so far."
          action={<RefreshForm action={refreshAnalyticsAction} label="Build the figures now" />}
        />
      </div>
    );
  }

  const [currency, membership, loyalty, retention, incrementality, rewardReturn, rewards, referrals, nps] = await Promise.all([
    getProgramCurrency(),
    loadMembership(range),
    loadLoyalty(),
    loadRetention(range),
    loadIncrementality(),
    loadRewardReturn(range),
    loadRewards(range),
    loadReferralFunnel(range),
    loadNps(range),
  ]);
  const csvRange = { fromDay: range.fromDay, toDay: range.toDay };
  const difference = incrementality.repeatRate;

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      {header}

      <div className="mt-6 flex flex-col gap-4 rounded-lg border border-neutral-200 bg-white p-4 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-neutral-700">
          Figures as of <strong className="font-semibold">{formatDateTime(refresh.asOf)}</strong>, rebuilt every night (the last rebuild took {refresh.durationMs < 1000 ? "under a second" : `${formatCount(Math.round(refresh.durationMs / 1000))} s`}).
        </p>
        <RefreshForm action={refreshAnalyticsAction} />
      </div>

      <div className="mt-6">
        <DateRangeForm result={dates} action="/admin/analytics" extra={measure === "purchasing" ? { cohorts: measure } : undefined} />
        <p className="mt-2 text-sm text-neutral-600">
          Showing {formatDay(range.fromDay)} to {formatDay(range.toDay)} (UTC). Figures marked “now” are as of the last rebuild, whatever the range.
        </p>
      </div>

      <nav aria-label="Analytics sections" className="mt-6">
        <ul className="flex flex-wrap gap-2">
          {SECTIONS.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`} className="inline-flex min-h-11 items-center rounded-lg border border-neutral-300 bg-white px-3 text-sm font-medium hover:bg-neutral-50 sm:min-h-9">
                {section.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <Section id="membership" title="Membership">
        <Stats>
          <Stat label="Members now" value={formatCount(membership.membersTotal)} detail={`${formatCount(membership.newMembers)} joined in the range`} definition={`${DEFINITIONS.membersTotal} New: ${DEFINITIONS.newMembers}`} />
          <Stat label="Paying members now" value={formatCount(membership.paidTotal)} detail={`${formatCount(membership.trialingTotal)} in a free trial`} definition={`${DEFINITIONS.paidMembers} ${DEFINITIONS.trialing}`} />
          <Stat label="MRR now" value={formatCents(membership.mrrCents, currency)} definition={DEFINITIONS.mrr} />
          <Stat label="ARR now" value={formatCents(membership.arrCents, currency)} definition={DEFINITIONS.arr} />
          <Stat
            label="Lifetime revenue in the range"
            value={formatCents(membership.lifetime.revenueCents, currency)}
            detail={`${formatCount(membership.lifetime.purchases)} purchases, ${formatCount(membership.lifetime.reversed)} refunded or disputed · ${formatCents(membership.lifetime.revenueAllTimeCents, currency)} all time`}
            definition={DEFINITIONS.lifetimeRevenue}
          />
          <Stat
            label="Trial conversion"
            value={formatRate(membership.trials.rate)}
            detail={`${formatCount(membership.trials.converted)} of ${formatCount(membership.trials.decided)} finished trials · ${formatCount(membership.trials.started - membership.trials.decided)} still running`}
            definition={DEFINITIONS.trialConversion}
          />
        </Stats>
        <div className="space-y-3">
          <h3 className="text-base font-semibold text-neutral-900">Paid members by plan (now)</h3>
          <DataTable table={tables.membersByPlanTable(membership)} currency={currency} range={csvRange} empty="No paid plans yet." />
        </div>
        <ChartAndTable
          type="bar"
          data={membership.newPerWeek.map((w) => ({ label: formatDay(w.week), members: w.members }))}
          series={[{ key: "members", name: "New members", color: BRAND }]}
          value="count"
          table={tables.newMembersTable(membership)}
          currency={currency}
          range={csvRange}
          definition={DEFINITIONS.newPerWeek}
        />
        <ChartAndTable
          type="line"
          data={membership.churn.map((m) => ({ label: formatMonth(m.month), rate: m.rate }))}
          series={[{ key: "rate", name: "Churn rate", color: BRAND }]}
          value="rate"
          table={tables.churnTable(membership)}
          currency={currency}
          range={csvRange}
          definition={DEFINITIONS.churn}
        />
      </Section>

      <Section id="loyalty" title="Loyalty effect" intro="Members compared with customers known only from store orders. The date range does not apply: the periods are the last 12 months and all time, up to the last rebuild.">
        <DataTable table={tables.loyaltyTable(loyalty)} currency={currency} range={csvRange} />
        <ul className="space-y-1 text-sm text-neutral-700">
          {(
            [
              ["Who is a member, and which orders count?", DEFINITIONS.loyalty],
              ["How is the repeat purchase rate calculated?", DEFINITIONS.repeatRate],
              ["How are orders per customer calculated?", DEFINITIONS.frequency],
              ["How is AOV calculated?", DEFINITIONS.aov],
              ["How is CLV calculated?", DEFINITIONS.clv],
            ] as const
          ).map(([question, text]) => (
            <li key={question}>
              <details>
                <summary className="inline-flex min-h-11 cursor-pointer items-center text-brand-700 underline-offset-2 hover:underline sm:min-h-0">{question}</summary>
                <p className="mt-1 max-w-prose text-neutral-600">{text}</p>
              </details>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="retention" title="Retention cohorts" intro="Each row is the members who signed up in a month; each column a month after joining.">
        <nav aria-label="Retention measure" className="flex flex-wrap gap-2">
          {(
            [
              ["active", "Still active"],
              ["purchasing", "Purchasing"],
            ] as const
          ).map(([value, label]) => {
            const query = new URLSearchParams({ from: range.fromDay, to: range.toDay, ...(value === "purchasing" ? { cohorts: value } : {}) });
            return (
              <Link
                key={value}
                href={`/admin/analytics?${query}#retention`}
                aria-current={measure === value ? "page" : undefined}
                className={cn(
                  "inline-flex min-h-11 items-center rounded-lg border px-3 text-sm font-medium sm:min-h-9",
                  measure === value ? "border-brand-700 bg-brand-700 text-white" : "border-neutral-300 bg-white text-neutral-900 hover:bg-neutral-50",
                )}
              >
                {label}
              </Link>
            );
          })}
        </nav>
        {retention.cohorts.length === 0 ? (
          <EmptyState as="h3" title="No sign-ups in this range" description="Cohorts appear for the months in which members signed up. Widen the range to see earlier cohorts." />
        ) : (
          <HeatMapTable table={tables.retentionTable(retention, measure)} currency={currency} range={csvRange} />
        )}
        <Definition figure="retention cohorts">{DEFINITIONS.retention}</Definition>
      </Section>

      <Section id="holdout" title="Incrementality (holdout)" intro="Do bonus campaigns make customers come back? A random share of new customers gets none, and their repeat purchase rate is compared with everyone else's. The date range does not apply.">
        <Stats>
          <Stat
            label="Holdout"
            value={incrementality.settings.sharePercent > 0 ? `${incrementality.settings.sharePercent}% of new customers` : "Off"}
            detail={`${formatCount(incrementality.control.population)} in control, ${formatCount(incrementality.treatment.population)} in treatment`}
            definition={DEFINITIONS.holdout}
          />
          <Stat
            label="Repeat purchase rate"
            value={`${formatRate(difference.treatment)} vs ${formatRate(difference.control)}`}
            detail="treatment vs control"
            definition={DEFINITIONS.holdoutRate}
          />
          <Stat
            label="Difference (treatment − control)"
            value={formatRateDifference(difference.difference)}
            detail={difference.enough ? `95% interval ${formatRateDifference(difference.low)} to ${formatRateDifference(difference.high)}` : "Not enough data for an interval yet"}
            definition={DEFINITIONS.holdoutDifference}
          />
        </Stats>
        {!difference.enough ? (
          <Alert tone="info" title="The samples are too small to say">
            Each group needs at least {MIN_EXPECTED} customers who bought again and {MIN_EXPECTED} who bought once before the difference can be trusted. Keep the holdout running and check back.
          </Alert>
        ) : difference.low !== null && difference.low > 0 ? (
          <Alert tone="success" title="Campaigns raise the repeat purchase rate">
            The whole 95% interval is above zero.
          </Alert>
        ) : difference.high !== null && difference.high < 0 ? (
          <Alert tone="warning" title="Campaigns lower the repeat purchase rate">
            The whole 95% interval is below zero.
          </Alert>
        ) : (
          <Alert tone="info" title="No clear difference yet">
            The 95% interval includes zero.
          </Alert>
        )}
        <DataTable table={tables.incrementalityTable(incrementality)} currency={currency} range={csvRange} />
        <Card>
          <CardHeader>
            <CardTitle as="h3">Holdout setting</CardTitle>
            <CardDescription>Applies to customers created after the change; each is drawn once and keeps their group. Switching it off gives the control group campaign bonuses again.</CardDescription>
          </CardHeader>
          <CardContent>
            <HoldoutForm values={incrementality.settings} action={updateHoldoutAction} />
          </CardContent>
        </Card>
      </Section>

      <Section id="rewards" title="Rewards and experiences">
        <Stats>
          <Stat
            label="Redemption rate"
            value={formatRate(rewards.redemptionRate)}
            detail={`${formatPoints(rewards.pointsRedeemed)} redeemed of ${formatPoints(rewards.pointsEarned)} earned`}
            definition={DEFINITIONS.redemptionRate}
          />
          {rewardReturn.windows.map((window) => (
            <Stat
              key={window.days}
              label={`Ordered again within ${window.days} days of a discount`}
              value={formatRate(window.rate)}
              detail={`${formatCount(window.returned)} of ${formatCount(window.eligible)} members`}
              definition={DEFINITIONS.rewardReturn}
            />
          ))}
          <Stat label="Experience fill rate" value={formatRate(rewards.experiences.fillRate)} detail={`${formatCount(rewards.experiences.booked)} of ${formatCount(rewards.experiences.seats)} seats`} definition={DEFINITIONS.fillRate} />
          <Stat label="No-show rate" value={formatRate(rewards.experiences.noShowRate)} detail={`${formatCount(rewards.experiences.noShows)} of ${formatCount(rewards.experiences.due)} bookings`} definition={DEFINITIONS.noShowRate} />
        </Stats>
        <div className="space-y-3">
          <h3 className="text-base font-semibold text-neutral-900">Top rewards</h3>
          <DataTable table={tables.topRewardsTable(rewards)} currency={currency} range={csvRange} empty="No redemptions in this range." />
          <Definition figure="top rewards">{DEFINITIONS.topRewards}</Definition>
        </div>
        <div className="space-y-3">
          <h3 className="text-base font-semibold text-neutral-900">Return after a discount</h3>
          <DataTable table={tables.rewardReturnTable(rewardReturn)} currency={currency} range={csvRange} />
          <Definition figure="return after a discount">{DEFINITIONS.rewardReturn}</Definition>
        </div>
        <ChartAndTable
          type="bar"
          data={rewards.experiences.months.map((m) => ({ label: formatMonth(m.month), booked: m.booked, seats: m.seats }))}
          series={[
            { key: "seats", name: "Seats offered", color: MUTED },
            { key: "booked", name: "Seats booked", color: BRAND },
          ]}
          value="count"
          table={tables.experiencesTable(rewards)}
          currency={currency}
          range={csvRange}
          definition={`${DEFINITIONS.experiencesByMonth} Fill rate: ${DEFINITIONS.fillRate} No-show rate: ${DEFINITIONS.noShowRate}`}
        />
      </Section>

      <Section id="referrals" title="Referral funnel">
        <Stats>
          {referrals.steps.map((step) => (
            <Stat
              key={step.step}
              label={step.label}
              value={formatCount(step.count)}
              detail={step.ofPrevious === null ? undefined : `${formatRate(step.ofPrevious)} of the step before`}
              definition={{ clicks: DEFINITIONS.referralClicks, signups: DEFINITIONS.referralSignups, paid: DEFINITIONS.referralPaid }[step.step]}
            />
          ))}
        </Stats>
        <ChartAndTable
          type="bar"
          data={referrals.steps.map((s) => ({ label: s.label, count: s.count }))}
          series={[{ key: "count", name: "Count", color: BRAND }]}
          value="count"
          table={tables.referralFunnelTable(referrals)}
          currency={currency}
          range={csvRange}
          definition={DEFINITIONS.referralFunnel}
        />
      </Section>

      <Section id="nps" title="NPS">
        <Stats>
          <Stat label="NPS in the range" value={formatNps(nps.nps)} detail={`${formatCount(nps.responses)} answers: ${formatCount(nps.promoters)} promoters, ${formatCount(nps.detractors)} detractors`} definition={DEFINITIONS.nps} />
        </Stats>
        <ChartAndTable
          type="line"
          data={nps.months.map((m) => ({ label: formatMonth(m.month), nps: m.nps }))}
          series={[{ key: "nps", name: "NPS", color: BRAND }]}
          value="nps"
          table={tables.npsTable(nps)}
          currency={currency}
          range={csvRange}
          definition={DEFINITIONS.nps}
        />
      </Section>
    </div>
  );
}
