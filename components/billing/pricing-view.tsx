import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import type { Plan } from "@/db/schema";
import { benefitLines, priceLabel, trialLabel } from "@/lib/billing/plan-display";

export const pricingMetadata: Metadata = {
  title: "Plans and pricing",
  description: "Join free, or become a Lifetime or Plus member for more points and member-only rewards.",
};

/** What one plan's card shows for the person looking: "Your plan", and what they can do. */
export type PlanState = { current: boolean; action: ReactNode };

/**
 * The pricing page: the same markup for a visitor's static copy (app/visitor) and a member's page
 * (app/pricing), which decide each plan's state. Imports no client code, so the visitor's copy ships none.
 */
export function PricingView({ plans, notices, planState }: { plans: Plan[]; notices?: ReactNode; planState: (plan: Plan) => PlanState }) {
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:py-14">
      <PageHeader title="Plans and pricing" description="Everyone earns points. Paid members earn more, unlock member-only rewards and never drop below Silver." />
      {notices}
      <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Plans">
        {plans.map((plan) => (
          <li key={plan.id} className="flex">
            <PlanCard plan={plan} state={planState(plan)} />
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

function PlanCard({ plan, state }: { plan: Plan; state: PlanState }) {
  const trial = trialLabel(plan);
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
        {state.action}
      </CardContent>
    </Card>
  );
}

/** A visitor's view of a plan: nothing is theirs yet; joining starts with signing in. */
export function visitorPlanState(plan: Plan): PlanState {
  if (plan.kind === "free") {
    return {
      current: false,
      action: (
        <Link href="/sign-in" className={buttonClasses("secondary", "md", "w-full")}>
          Join free
        </Link>
      ),
    };
  }
  return {
    current: false,
    action: (
      <Link href={`/sign-in?callbackUrl=${encodeURIComponent("/pricing")}`} className={buttonClasses("primary", "md", "w-full")}>
        Sign in to join {plan.name}
      </Link>
    ),
  };
}
