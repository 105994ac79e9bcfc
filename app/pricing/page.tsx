import { cookies } from "next/headers";
import Link from "next/link";
import { connection } from "next/server";
import { ActionForm } from "@/components/billing/action-form";
import { PricingView, pricingMetadata, visitorPlanState, type PlanState } from "@/components/billing/pricing-view";
import { ReferralCodeForm } from "@/components/referrals/referral-code-form";
import { ReferralInvite } from "@/components/referrals/referral-invite";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import type { Plan } from "@/db/schema";
import { getCurrentUser } from "@/lib/auth/guards";
import { getProgramFacts } from "@/lib/brand/program-facts";
import { startCheckoutAction } from "@/lib/billing/actions";
import { getLiveMembership, type MembershipWithPlan } from "@/lib/billing/memberships";
import { trialLabel } from "@/lib/billing/plan-display";
import { pricingReferral } from "@/lib/referrals/invite";
import { REFERRAL_CODE_COOKIE } from "@/lib/referrals/schemas";
import { applyReferralCodeAction } from "@/lib/referrals-ui/actions";

export const metadata = pricingMetadata;

/**
 * Rendered per request for whoever has a session cookie or came with ?ref= / ?checkout= (decision
 * 0012); a plain visitor gets the static copy (app/visitor), which shows what this shows with no
 * user, no invitation and no notice.
 */
export default async function PricingPage({ searchParams }: PageProps<"/pricing">) {
  // Per request by nature: said before the database reads below, which `next build` would otherwise
  // start (and log failing, having no database) while it tries this page as a static one.
  await connection();
  const [params, user, facts, jar] = await Promise.all([searchParams, getCurrentUser(), getProgramFacts(), cookies()]);
  const live = user ? await getLiveMembership(user.id) : null;
  // A visitor sees the invitation of the link they followed (?ref=<code>); a member sees their own
  // recorded referral, which is what Checkout honours, or a form to type a friend's code.
  const { invite, codeForm } = await pricingReferral({
    userId: user?.id ?? null,
    ref: typeof params.ref === "string" ? params.ref : null,
    keptCode: jar.get(REFERRAL_CODE_COOKIE)?.value ?? null,
    hasLiveMembership: !!live,
  });
  const inviteCode = invite?.state === "visitor" ? invite.code : null;
  return (
    <PricingView
      facts={facts}
      planState={user ? (plan) => memberPlanState(plan, live) : visitorPlanState(inviteCode)}
      notices={
        <>
          {invite ? <ReferralInvite referrerName={invite.referrerName} offer={invite.offer} state={invite.state} programName={facts.brand.programName} className="mt-6" /> : null}
          {codeForm ? <ReferralCodeForm action={applyReferralCodeAction} prefill={codeForm.prefill} className="mt-6" /> : null}
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
