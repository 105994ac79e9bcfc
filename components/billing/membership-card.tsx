import Link from "next/link";
import { ActionForm } from "@/components/billing/action-form";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { openBillingPortalAction } from "@/lib/billing/actions";
import type { MembershipWithPlan } from "@/lib/billing/memberships";
import { membershipTerm, statusBadge } from "@/lib/billing/plan-display";

/** The dashboard's membership card: plan, status, renewal or end date, and the way to manage it. */
export function MembershipCard({ membership, manageAction }: { membership: MembershipWithPlan | null; manageAction: typeof openBillingPortalAction }) {
  if (!membership) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Membership</CardTitle>
        </CardHeader>
        <CardContent>
          <p className="text-lg font-semibold">Free member</p>
          <p className="mt-1 text-sm text-gray-600">Lifetime and Plus members earn more points and unlock member-only rewards.</p>
          <Link href="/pricing" className={buttonClasses("secondary", "md", "mt-4 w-full")}>
            See paid plans
          </Link>
        </CardContent>
      </Card>
    );
  }
  const comp = membership.source === "admin_grant";
  const compLive = comp && membership.status === "active" && !(membership.currentPeriodEnd && membership.currentPeriodEnd <= new Date());
  // A complimentary membership has no Stripe subscription: nothing to manage in billing.
  const badge = compLive ? { label: "Complimentary", tone: "brand" as const } : statusBadge(membership.status);
  const manageable = !comp && (membership.plan.kind === "recurring" || membership.status === "past_due");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Membership</CardTitle>
      </CardHeader>
      <CardContent>
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-lg font-semibold">{membership.plan.name}</p>
          <Badge tone={badge.tone}>{badge.label}</Badge>
        </div>
        <p className="mt-1 text-sm text-gray-700" data-testid="membership-term">
          {membershipTerm(membership, membership.plan)}
        </p>
        {manageable ? (
          <ActionForm action={manageAction} label="Manage billing" pendingLabel="Opening billing…" variant="secondary" className="mt-4" />
        ) : null}
        {["canceled", "refunded"].includes(membership.status) ? (
          <Link href="/pricing" className={buttonClasses("secondary", "md", "mt-4 w-full")}>
            See plans
          </Link>
        ) : null}
      </CardContent>
    </Card>
  );
}
