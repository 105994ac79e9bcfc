import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/billing/auto-refresh";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/guards";
import { checkoutStatus } from "@/lib/billing/checkout-status";
import { membershipTerm } from "@/lib/billing/plan-display";

export const metadata: Metadata = { title: "Thank you", robots: { index: false } };

export default async function CheckoutSuccessPage({ searchParams }: PageProps<"/billing/success">) {
  const params = await searchParams;
  const sessionId = typeof params.session_id === "string" ? params.session_id : "";
  const user = await requireUser(`/billing/success?session_id=${encodeURIComponent(sessionId)}`);
  const status = await checkoutStatus(user.id, sessionId);

  return (
    <div className="mx-auto w-full max-w-xl px-4 py-12 sm:py-16">
      {status.state === "done" ? (
        <>
          <h1 className="text-2xl font-bold tracking-tight text-gray-900">Welcome to {status.plan.name}!</h1>
          <Card className="mt-6">
            <CardContent className="space-y-2 pt-6">
              <p className="text-lg font-semibold">{status.plan.name} membership</p>
              <p className="text-gray-700">{membershipTerm(status.membership, status.plan)}</p>
              <p className="text-sm text-gray-600">A receipt is on its way to {user.email}.</p>
            </CardContent>
          </Card>
          <Link href="/dashboard" className={buttonClasses("primary", "lg", "mt-6 w-full")}>
            Go to your dashboard
          </Link>
        </>
      ) : status.state === "confirming" ? (
        <>
          <h1 className="text-2xl font-bold tracking-tight text-gray-900">Thank you — almost there</h1>
          <div className="mt-6">
            <AutoRefresh />
          </div>
        </>
      ) : status.state === "open" ? (
        <>
          <h1 className="text-2xl font-bold tracking-tight text-gray-900">Your checkout isn&apos;t finished</h1>
          <p className="mt-3 text-gray-700">You haven&apos;t been charged.</p>
          {status.url ? (
            <a href={status.url} className={buttonClasses("primary", "md", "mt-6")}>
              Return to checkout
            </a>
          ) : null}
        </>
      ) : (
        <>
          <h1 className="text-2xl font-bold tracking-tight text-gray-900">{status.state === "expired" ? "This checkout has expired" : "We couldn't find that checkout"}</h1>
          <Alert tone="info" className="mt-4">
            You haven&apos;t been charged for it. Pick a plan again whenever you&apos;re ready.
          </Alert>
          <Link href="/pricing" className={buttonClasses("secondary", "md", "mt-6")}>
            See plans
          </Link>
        </>
      )}
    </div>
  );
}
