import { eq } from "drizzle-orm";
import Link from "next/link";
import { ActionForm } from "@/components/billing/action-form";
import { PricingView, pricingMetadata, visitorPlanState, type PlanState } from "@/components/billing/pricing-view";
import { ReferralInvite } from "@/components/referrals/referral-invite";
import { firstName } from "@/components/referrals/referral-status";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { db } from "@/db";
import { users, type Plan } from "@/db/schema";
import { getCurrentUser } from "@/lib/auth/guards";
import { startCheckoutAction } from "@/lib/billing/actions";
import { getLiveMembership, type MembershipWithPlan } from "@/lib/billing/memberships";
import { trialLabel } from "@/lib/billing/plan-display";
import { listPlans } from "@/lib/billing/plans";
import { findReferralCode } from "@/lib/referrals/codes";
import { getReferralSettings } from "@/lib/referrals/settings";

export const metadata = pricingMetadata;

/**
 * Rendered per request for whoever has a session cookie or came with ?ref= / ?checkout= (decision
 * 0012); a plain visitor gets the static copy (app/visitor), which shows what this shows with no user.
 */
export default async function PricingPage({ searchParams }: PageProps<"/pricing">) {
  const [params, user, plans] = await Promise.all([searchParams, getCurrentUser(), listPlans()]);
  const live = user ? await getLiveMembership(user.id) : null;
  // ?ref=<code> from a shared link: a valid code that is not the visitor's own earns the friend's discount.
  const invite = typeof params.ref === "string" && !live ? await findInvite(params.ref, user?.id) : null;
  return (
    <PricingView
      plans={plans}
      planState={user ? (plan) => memberPlanState(plan, live) : visitorPlanState}
      notices={
        <>
          {invite ? <ReferralInvite referrerName={invite.referrerName} discountPercent={invite.discountPercent} className="mt-6" /> : null}
          {params.checkout === "canceled" ? (
            <Alert tone="info" className="mt-6">
              Checkout canceled — you weren&apos;t charged. Pick a plan whenever you&apos;re ready.
            </Alert>
          ) : null}
        </>
      }
    />
  );
}

/** The inviting member's first name and the friend's discount, for a valid code that is not the visitor's own. */
async function findInvite(ref: string, visitorId: string | undefined): Promise<{ referrerName: string | null; discountPercent: number } | null> {
  const owner = await findReferralCode(ref);
  if (!owner || owner.userId === visitorId) return null;
  const [[referrer], settings] = await Promise.all([db.select({ name: users.name }).from(users).where(eq(users.id, owner.userId)), getReferralSettings()]);
  return referrer ? { referrerName: firstName(referrer.name), discountPercent: settings.refereeDiscountPercent } : null;
}

/** A signed-in member: their live plan is "Your plan" (the free one when they have none), the others can be bought. */
function memberPlanState(plan: Plan, live: MembershipWithPlan | null): PlanState {
  const current = live ? live.planId === plan.id : plan.kind === "free";
  return { current, action: <PlanAction plan={plan} live={live} current={current} /> };
}

function PlanAction({ plan, live, current }: { plan: Plan; live: MembershipWithPlan | null; current: boolean }) {
  if (plan.kind === "free") return <p className="text-sm text-gray-600">{live ? "Included with every plan." : "You're a member — start earning."}</p>;
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
