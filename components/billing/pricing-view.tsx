import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { PageHeader } from "@/components/ui/page-header";
import type { Plan } from "@/db/schema";
import { benefitLines, priceLabel, trialLabel } from "@/lib/billing/plan-display";
import { earnRateLabel } from "@/lib/brand/point-value";
import type { ProgramFacts } from "@/lib/brand/program-facts";

export const pricingMetadata: Metadata = {
  title: "Plans and pricing",
  description: "Join free, or become a Lifetime or Plus member for more points and member-only rewards.",
};

/** What one plan's card shows for the person looking: "Your plan", and what they can do. */
export type PlanState = { current: boolean; action: ReactNode };

type PricingViewProps = {
  /** The plans on sale, the purchase rate, the brand and the friend's offer (a discount is on the cards' "Invited by a friend?" line). */
  facts: ProgramFacts;
  /** The invitation, the typed-code form, the way back from checkout: per request only. */
  notices?: ReactNode;
  planState: (plan: Plan) => PlanState;
};

/**
 * The pricing page: the same markup for a visitor's static copy (app/visitor) and the page rendered
 * per request (app/pricing), which decide each plan's state. Imports no client code, so the visitor's
 * copy ships none. Everything here but `notices` and `planState` is a settings read, the same for everyone.
 */
export function PricingView({ facts, notices, planState }: PricingViewProps) {
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:py-14">
      <PageHeader title="Plans and pricing" description="Everyone earns points. Paid members earn more, unlock member-only rewards and never drop below Silver." />
      {notices}
      <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Plans">
        {facts.plans.map((plan) => (
          <li key={plan.id} className="flex">
            <PlanCard plan={plan} facts={facts} state={planState(plan)} />
          </li>
        ))}
      </ul>
      <p className="mt-8 text-sm text-gray-600">
        Prices in US dollars. Payments are handled by Stripe; {facts.brand.programName} never sees your card number. Recurring plans renew automatically until you cancel — cancelling is one click under
        Manage billing on your dashboard.
      </p>
    </div>
  );
}

/**
 * One plan as the program sells it: price, trial, benefits at the program's current purchase rate and
 * friend's discount. `state` is what the person looking can do (the landing page shows none).
 */
export function PlanCard({ plan, facts, state = { current: false, action: null } }: { plan: Plan; facts: ProgramFacts; state?: PlanState }) {
  const trial = trialLabel(plan);
  const offer = facts.referralOffer;
  const lines = benefitLines(plan, {
    // none when friends get points instead
    referralDiscountPercent: offer.kind === "discount" ? offer.percent : 0,
    earnRate: earnRateLabel(facts.purchasePoints, facts.brand.currency),
  });
  return (
    <Card className="flex w-full flex-col">
      <CardHeader>
        <div className="flex items-start justify-between gap-2">
          <CardTitle>{plan.name}</CardTitle>
          {state.current ? <Badge tone="success">Your plan</Badge> : trial ? <Badge tone="brand">{trial}</Badge> : null}
        </div>
        <p className="mt-2 text-2xl font-bold text-gray-900">{priceLabel(plan)}</p>
        <p className="mt-1 text-sm text-gray-600">{plan.description}</p>
      </CardHeader>
      <CardContent className="flex flex-1 flex-col">
        <ul className={cn("flex-1 space-y-2 text-sm text-gray-800", state.action ? "mb-6" : null)}>
          {lines.map((line) => (
            <li key={line} className="flex gap-2">
              <span aria-hidden="true" className="text-brand-700">
                ✓
              </span>
              {line}
            </li>
          ))}
        </ul>
        {state.action}
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

/**
 * A visitor's view of the plans: nothing is theirs yet; joining starts with signing in. `inviteCode`:
 * the valid invitation they came with (?ref=, so only on the page rendered per request; the static
 * copy has none), which the sign-in links carry on.
 */
export function visitorPlanState(inviteCode: string | null): (plan: Plan) => PlanState {
  return (plan) => ({
    current: false,
    action:
      plan.kind === "free" ? (
        <Link href={signInHref(null, inviteCode)} className={buttonClasses("secondary", "md", "w-full")}>
          Join free
        </Link>
      ) : (
        <Link href={signInHref("/pricing", inviteCode)} className={buttonClasses("primary", "md", "w-full")}>
          Sign in to join {plan.name}
        </Link>
      ),
  });
}
