import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { ActionForm } from "@/components/billing/action-form";
import { ReferralCodeForm } from "@/components/referrals/referral-code-form";
import { ReferralInvite } from "@/components/referrals/referral-invite";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import type { Plan } from "@/db/schema";
import { getCurrentUser } from "@/lib/auth/guards";
import { getBrand } from "@/lib/brand/brand";
import { startCheckoutAction } from "@/lib/billing/actions";
import { getLiveMembership, type MembershipWithPlan } from "@/lib/billing/memberships";
import { benefitLines, priceLabel, trialLabel } from "@/lib/billing/plan-display";
import { listPlans } from "@/lib/billing/plans";
import { pricingReferral } from "@/lib/referrals/invite";
import { REFERRAL_CODE_COOKIE } from "@/lib/referrals/schemas";
import { getReferralSettings } from "@/lib/referrals/settings";
import { applyReferralCodeAction } from "@/lib/referrals-ui/actions";

export const metadata: Metadata = { title: "Plans and pricing", description: "Join free, or become a Lifetime or Plus member for more points and member-only rewards." };

export default async function PricingPage({ searchParams }: PageProps<"/pricing">) {
  const [params, user, plans, settings, jar, brand] = await Promise.all([searchParams, getCurrentUser(), listPlans(), getReferralSettings(), cookies(), getBrand()]);
  const live = user ? await getLiveMembership(user.id) : null;
  // A visitor sees the invitation of the link they followed (?ref=<code>); a member sees their own
  // recorded referral, which is what Checkout honours, or a form to type a friend's code.
  const { invite, codeForm } = await pricingReferral({
    userId: user?.id ?? null,
    ref: typeof params.ref === "string" ? params.ref : null,
    keptCode: jar.get(REFERRAL_CODE_COOKIE)?.value ?? null,
    hasLiveMembership: !!live,
  });
  // The plan cards' "Invited by a friend?" line shows the program's discount (none when friends get points instead).
  const referralDiscountPercent = settings.refereeReward === "discount" ? settings.refereeDiscountPercent : 0;
  const ref = invite?.state === "visitor" ? invite.code : null;
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:py-14">
      <PageHeader title="Plans and pricing" description="Everyone earns points. Paid members earn more, unlock member-only rewards and never drop below Silver." />
      {invite ? <ReferralInvite referrerName={invite.referrerName} offer={invite.offer} state={invite.state} programName={brand.programName} className="mt-6" /> : null}
      {codeForm ? <ReferralCodeForm action={applyReferralCodeAction} prefill={codeForm.prefill} className="mt-6" /> : null}
      {params.checkout === "canceled" ? (
        <Alert tone="info" className="mt-6">
          Checkout canceled — you weren&apos;t charged. Pick a plan whenever you&apos;re ready.
        </Alert>
      ) : null}
      <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Plans">
        {plans.map((plan) => (
          <li key={plan.id} className="flex">
            <PlanCard plan={plan} signedIn={!!user} live={live} referralDiscountPercent={referralDiscountPercent} inviteCode={ref} />
          </li>
        ))}
      </ul>
      <p className="mt-8 text-sm text-gray-600">
        Prices in US dollars. Payments are handled by Stripe; {brand.programName} never sees your card number. Recurring plans renew automatically until you cancel — cancelling is one click under
        Manage billing on your dashboard.
      </p>
    </div>
  );
}

type PlanProps = { plan: Plan; signedIn: boolean; live: MembershipWithPlan | null; referralDiscountPercent: number; inviteCode: string | null };

function PlanCard({ plan, signedIn, live, referralDiscountPercent, inviteCode }: PlanProps) {
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
          {benefitLines(plan, { referralDiscountPercent }).map((line) => (
            <li key={line} className="flex gap-2">
              <span aria-hidden="true" className="text-brand-700">
                ✓
              </span>
              {line}
            </li>
          ))}
        </ul>
        <PlanAction plan={plan} signedIn={signedIn} live={live} current={current} inviteCode={inviteCode} />
      </CardContent>
    </Card>
  );
}

/** Sign-in links keep a valid invitation: the join form opens with the code (it survives a lost cookie), and the page after sign-in shows it. */
function signInHref(callbackUrl: string | null, inviteCode: string | null): string {
  const params = new URLSearchParams();
  if (callbackUrl) params.set("callbackUrl", inviteCode ? `${callbackUrl}?${new URLSearchParams({ ref: inviteCode })}` : callbackUrl);
  if (inviteCode) params.set("ref", inviteCode);
  const query = params.toString();
  return query ? `/sign-in?${query}` : "/sign-in";
}

function PlanAction({ plan, signedIn, live, current, inviteCode }: Pick<PlanProps, "plan" | "signedIn" | "live" | "inviteCode"> & { current: boolean }) {
  if (plan.kind === "free") {
    if (signedIn) return <p className="text-sm text-gray-600">{live ? "Included with every plan." : "You're a member — start earning."}</p>;
    return (
      <Link href={signInHref(null, inviteCode)} className={buttonClasses("secondary", "md", "w-full")}>
        Join free
      </Link>
    );
  }
  if (!signedIn) {
    return (
      <Link href={signInHref("/pricing", inviteCode)} className={buttonClasses("primary", "md", "w-full")}>
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
