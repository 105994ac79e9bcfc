import { eq } from "drizzle-orm";
import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/billing/action-form";
import { ReferralInvite } from "@/components/referrals/referral-invite";
import { firstName } from "@/components/referrals/referral-status";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/db";
import { users, type Plan } from "@/db/schema";
import { getCurrentUser } from "@/lib/auth/guards";
import { startCheckoutAction } from "@/lib/billing/actions";
import { getLiveMembership, type MembershipWithPlan } from "@/lib/billing/memberships";
import { benefitLines, priceLabel, trialLabel } from "@/lib/billing/plan-display";
import { listPlans } from "@/lib/billing/plans";
import { findReferralCode } from "@/lib/referrals/codes";
import { getReferralSettings } from "@/lib/referrals/settings";

export const metadata: Metadata = { title: "Plans and pricing", description: "Join free, or become a Lifetime or Plus member for more points and member-only rewards." };

export default async function PricingPage({ searchParams }: PageProps<"/pricing">) {
  const [params, user, plans] = await Promise.all([searchParams, getCurrentUser(), listPlans()]);
  const live = user ? await getLiveMembership(user.id) : null;
  // ?ref=<code> from a shared link: a valid code that is not the visitor's own earns the friend's discount.
  const invite = typeof params.ref === "string" && !live ? await findInvite(params.ref, user?.id) : null;
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:py-14">
      <PageHeader title="Plans and pricing" description="Everyone earns points. Paid members earn more, unlock member-only rewards and never drop below Silver." />
      {invite ? <ReferralInvite referrerName={invite.referrerName} discountPercent={invite.discountPercent} className="mt-6" /> : null}
      {params.checkout === "canceled" ? (
        <Alert tone="info" className="mt-6">
          Checkout canceled — you weren&apos;t charged. Pick a plan whenever you&apos;re ready.
        </Alert>
      ) : null}
      <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Plans">
        {plans.map((plan) => (
          <li key={plan.id} className="flex">
            <PlanCard plan={plan} signedIn={!!user} live={live} />
          </li>
        ))}
      </ul>
      <p className="mt-8 text-sm text-gray-600">
        Prices in US dollars. Payments are handled by Stripe; Cairn never sees your card number. Recurring plans renew automatically until you cancel — cancelling is one click under
        Manage billing on your dashboard.
      </p>
    </div>
  );
}

/** The inviting member's first name and the friend's discount, for a valid code that is not the visitor's own. */
async function findInvite(ref: string, visitorId: string | undefined): Promise<{ referrerName: string | null; discountPercent: number } | null> {
  const owner = await findReferralCode(ref);
  if (!owner || owner.userId === visitorId) return null;
  const [[referrer], settings] = await Promise.all([db.select({ name: users.name }).from(users).where(eq(users.id, owner.userId)), getReferralSettings()]);
  return referrer ? { referrerName: firstName(referrer.name), discountPercent: settings.refereeDiscountPercent } : null;
}

function PlanCard({ plan, signedIn, live }: { plan: Plan; signedIn: boolean; live: MembershipWithPlan | null }) {
  const trial = trialLabel(plan);
  const current = live ? live.planId === plan.id : plan.kind === "free" && signedIn;
  return (
    <Card className="flex w-full flex-col">
      <CardHeader>
        <div className="flex items-start justify-between gap-2">
          <CardTitle>{plan.name}</CardTitle>
          {current ? <Badge tone="success">Your plan</Badge> : trial ? <Badge tone="brand">{trial}</Badge> : null}
        </div>
        <p className="mt-2 text-2xl font-bold text-gray-900">{priceLabel(plan)}</p>
        <p className="mt-1 text-sm text-gray-600">{plan.description}</p>
      </CardHeader>
      <CardContent className="flex flex-1 flex-col">
        <ul className="mb-6 flex-1 space-y-2 text-sm text-gray-800">
          {benefitLines(plan).map((line) => (
            <li key={line} className="flex gap-2">
              <span aria-hidden="true" className="text-brand-700">
                ✓
              </span>
              {line}
            </li>
          ))}
        </ul>
        <PlanAction plan={plan} signedIn={signedIn} live={live} current={current} />
      </CardContent>
    </Card>
  );
}

function PlanAction({ plan, signedIn, live, current }: { plan: Plan; signedIn: boolean; live: MembershipWithPlan | null; current: boolean }) {
  if (plan.kind === "free") {
    if (signedIn) return <p className="text-sm text-gray-600">{live ? "Included with every plan." : "You're a member — start earning."}</p>;
    return (
      <Link href="/sign-in" className={buttonClasses("secondary", "md", "w-full")}>
        Join free
      </Link>
    );
  }
  if (!signedIn) {
    return (
      <Link href={`/sign-in?callbackUrl=${encodeURIComponent("/pricing")}`} className={buttonClasses("primary", "md", "w-full")}>
        Sign in to join {plan.name}
      </Link>
    );
  }
  if (current || live) {
    return (
      <Link href="/dashboard" className={buttonClasses("secondary", "md", "w-full")}>
        {current ? "Manage on your dashboard" : `You have ${live!.plan.name}`}
      </Link>
    );
  }
  const trial = trialLabel(plan);
  return (
    <ActionForm
      action={startCheckoutAction}
      fields={{ planId: plan.id }}
      label={trial ? `Start ${trial}` : `Buy ${plan.name}`}
      pendingLabel="Opening checkout…"
    />
  );
}
