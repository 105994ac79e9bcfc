import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type Stripe from "stripe";
import { HostedCheckoutForm } from "@/components/dev/hosted-checkout-form";
import { TestModeBanner } from "@/components/dev/test-mode-banner";
import { Alert } from "@/components/ui/alert";
import { payHostedCheckoutAction } from "@/lib/billing/dev-actions";
import { getStripe } from "@/lib/billing/stripe-client";
import { getEnv } from "@/lib/env";
import { formatMoney } from "@/lib/format";

export const metadata: Metadata = { title: "Checkout (test mode)", robots: { index: false } };

/** Stands in for Stripe's hosted Checkout page when the emulator is the billing backend. */
export default async function HostedCheckoutPage({ params }: PageProps<"/dev/stripe/checkout/[id]">) {
  if (!getEnv().embedded.billing) notFound();
  const { id } = await params;
  if (!/^cs_\w{4,200}$/.test(id)) notFound();
  const stripe = await getStripe();
  const session = await stripe.checkout.sessions.retrieve(id, { expand: ["line_items", "customer"] }).catch(() => null);
  if (!session) notFound();

  const item = session.line_items?.data[0];
  const price = item?.price;
  const currency = (session.currency ?? "usd").toUpperCase();
  const recurring = price?.recurring ? `${formatMoney(price.unit_amount ?? 0, currency)} per ${price.recurring.interval}` : null;
  const dueToday = formatMoney(session.amount_total ?? 0, currency);
  const email = session.customer_details?.email ?? (session.customer as Stripe.Customer | null)?.email ?? session.customer_email;
  const trial = session.mode === "subscription" && session.amount_total === 0;

  return (
    <div className="min-h-full bg-white">
      <TestModeBanner />
      <div className="mx-auto grid w-full max-w-4xl gap-10 px-4 py-10 md:grid-cols-2">
        <section aria-labelledby="summary-heading">
          <p className="text-sm font-medium text-gray-600">Cairn</p>
          <h1 id="summary-heading" className="mt-2 text-xl font-semibold text-gray-900">
            {item?.description ?? "Membership"}
          </h1>
          <p className="mt-4 text-4xl font-bold text-gray-900">{dueToday}</p>
          <p className="mt-1 text-gray-700">{trial && recurring ? `due today — free trial, then ${recurring}` : recurring ? `then ${recurring}` : "one payment"}</p>
          {session.total_details?.amount_discount ? <p className="mt-2 text-sm text-success-700">Discount: −{formatMoney(session.total_details.amount_discount, currency)}</p> : null}
          {email ? <p className="mt-6 text-sm text-gray-600">Paying as {email}</p> : null}
        </section>
        <section aria-label="Payment">
          {session.status !== "open" ? (
            <Alert tone="warning">
              This checkout is {session.status === "complete" ? "already paid" : "no longer active"}.{" "}
              <a className="font-semibold underline" href={session.status === "complete" ? (session.success_url ?? "/dashboard").replace("{CHECKOUT_SESSION_ID}", session.id) : (session.cancel_url ?? "/pricing")}>
                Return to Cairn
              </a>
            </Alert>
          ) : (
            <>
              <h2 className="mb-4 text-lg font-semibold text-gray-900">Pay with card</h2>
              <HostedCheckoutForm action={payHostedCheckoutAction} sessionId={session.id} payLabel={trial ? "Start trial" : `Pay ${dueToday}`} allowPromotionCodes={!!session.allow_promotion_codes} />
              {session.cancel_url ? (
                <p className="mt-4 text-center text-sm">
                  <a className="text-gray-700 underline" href={session.cancel_url}>
                    ← Cancel and return to Cairn
                  </a>
                </p>
              ) : null}
            </>
          )}
        </section>
      </div>
    </div>
  );
}
