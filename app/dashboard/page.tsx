import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/billing/action-form";
import { MembershipCard } from "@/components/billing/membership-card";
import { ActivityList } from "@/components/points/activity-list";
import { BirthdayForm } from "@/components/points/birthday-form";
import { PointsCard } from "@/components/points/points-card";
import { OpenSurveysCard } from "@/components/surveys/open-surveys-card";
import { TierCard } from "@/components/points/tier-card";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { openBillingPortalAction } from "@/lib/billing/actions";
import { getLatestMembership } from "@/lib/billing/memberships";
import { setBirthdayAction } from "@/lib/earning/birthday-actions";
import { getEarningRule } from "@/lib/earning/rules";
import { getBalance } from "@/lib/ledger/balances";
import { customerForUser } from "@/lib/ledger/customers";
import { getExpiringPoints, listPointHistory } from "@/lib/ledger/history";
import { getPointsPolicy } from "@/lib/ledger/policy";
import { getBrand } from "@/lib/brand/brand";
import { listOpenSurveys } from "@/lib/surveys/answer";
import { surveyPoints } from "@/lib/surveys/award";
import { tierProgress } from "@/lib/tiers/tiers";

export const metadata: Metadata = { title: "Your dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const firstName = user.name?.split(" ")[0];
  // The customer row links points earned by email before sign-up to this member.
  const customer = await customerForUser(user);
  const [membership, balance, policy, progress, expiring, recent, birthdayRule, openSurveys, pointsPerSurvey] = await Promise.all([
    getLatestMembership(user.id),
    getBalance(customer.id),
    getPointsPolicy(),
    tierProgress(customer.id),
    getExpiringPoints(customer.id),
    listPointHistory(customer.id, { filter: "all", page: 1 }, 5),
    getEarningRule("birthday"),
    listOpenSurveys(customer.id),
    surveyPoints(),
  ]);
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <PageHeader title="Your dashboard" description={`Welcome${firstName ? `, ${firstName}` : ""}. Signed in as ${user.email}.`} />
      {membership?.status === "past_due" ? (
        <Alert tone="error" title="Your last payment failed" className="mt-6">
          <p>We couldn&apos;t charge your card for {membership.plan.name}. Your benefits continue while we retry — update your card to keep them.</p>
          <ActionForm action={openBillingPortalAction} label="Update your card" pendingLabel="Opening billing…" className="mt-3 max-w-xs" />
        </Alert>
      ) : null}
      <div className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <PointsCard available={balance.available} pending={balance.pending} pointValueCents={policy.pointValueCents} currency={(await getBrand()).currency} expiring={expiring} />
        <MembershipCard membership={membership} manageAction={openBillingPortalAction} />
        <TierCard progress={progress} />
      </div>
      <OpenSurveysCard surveys={openSurveys} points={pointsPerSurvey} />
      <Card className="mt-4">
        <CardHeader className="flex-row! items-center justify-between gap-3">
          <CardTitle>Recent activity</CardTitle>
          {recent.total > 0 ? (
            <Link href="/points" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline-offset-4 hover:underline sm:min-h-0">
              All activity
            </Link>
          ) : null}
        </CardHeader>
        <CardContent className="pt-2! sm:pt-2!">
          {recent.items.length ? (
            <ActivityList items={recent.items} />
          ) : (
            <p className="text-sm text-neutral-600">No points yet. Points from your purchases and rewards will show here.</p>
          )}
        </CardContent>
      </Card>
      {!customer.birthday && birthdayRule?.active && birthdayRule.points > 0 ? (
        <Card className="mt-4">
          <CardHeader>
            <CardTitle>Birthday bonus</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="mb-4 text-sm text-neutral-700">Tell us your birthday and get {birthdayRule.points} points on it every year.</p>
            <BirthdayForm action={setBirthdayAction} points={birthdayRule.points} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
