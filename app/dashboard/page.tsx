import type { Metadata } from "next";
import { ActionForm } from "@/components/billing/action-form";
import { MembershipCard } from "@/components/billing/membership-card";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { openBillingPortalAction } from "@/lib/billing/actions";
import { getLatestMembership } from "@/lib/billing/memberships";

export const metadata: Metadata = { title: "Your dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const firstName = user.name?.split(" ")[0];
  const membership = await getLatestMembership(user.id);
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
        <Card>
          <CardHeader>
            <CardTitle>Points</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-3xl font-bold">0</p>
            <p className="mt-1 text-sm text-gray-600">You earn 5 points for every $1 you spend. Your points history will appear here.</p>
          </CardContent>
        </Card>
        <MembershipCard membership={membership} manageAction={openBillingPortalAction} />
        <Card>
          <CardHeader>
            <CardTitle>Tier</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-lg font-semibold">Bronze</p>
            <p className="mt-1 text-sm text-gray-600">Earn points over 12 months to reach Silver, Gold and Platinum.</p>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
