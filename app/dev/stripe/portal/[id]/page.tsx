import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TestModeBanner } from "@/components/dev/test-mode-banner";
import { PortalCardForm, PortalSubscriptionButton } from "@/components/dev/portal-forms";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { portalCancelAction, portalResumeAction, portalUpdateCardAction } from "@/lib/billing/dev-actions";
import { getEmulator } from "@/lib/billing/stripe-client";
import { getEnv } from "@/lib/env";
import { formatDate, formatMoney } from "@/lib/format";

export const metadata: Metadata = { title: "Manage billing (test mode)", robots: { index: false } };

const date = (seconds: number | null | undefined) => (seconds ? formatDate(new Date(seconds * 1000)) : "—");

/** Stands in for Stripe's Billing Portal when the emulator is the billing backend. */
export default async function BillingPortalPage({ params }: PageProps<"/dev/stripe/portal/[id]">) {
  if (!getEnv().embedded.billing) notFound();
  const { id } = await params;
  if (!/^bps_\w{4,200}$/.test(id)) notFound();
  const view = await (await getEmulator()).portal.get(id).catch(() => null);
  if (!view) notFound();
  const card = view.paymentMethod?.card;

  return (
    <div className="min-h-full bg-white">
      <TestModeBanner />
      <div className="mx-auto w-full max-w-3xl space-y-6 px-4 py-10">
        <p>
          <a className="text-sm text-gray-700 underline" href={view.session.return_url ?? "/dashboard"}>
            ← Return to Cairn
          </a>
        </p>
        <h1 className="text-2xl font-bold text-gray-900">Manage billing</h1>
        <p className="text-gray-700">{view.customer.email}</p>

        <Card>
          <CardHeader>
            <CardTitle>Current plan</CardTitle>
          </CardHeader>
          <CardContent>
            {view.subscriptions.length === 0 ? (
              <EmptyState title="No subscriptions" description="You have no recurring plan. One-time purchases appear under invoices below." />
            ) : (
              <ul className="space-y-6">
                {view.subscriptions.map(({ subscription, productName }) => {
                  const item = subscription.items.data[0];
                  const price = item.price;
                  const ending = subscription.cancel_at_period_end;
                  return (
                    <li key={subscription.id} className="space-y-2">
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="text-lg font-semibold">{productName}</span>
                        <Badge tone={subscription.status === "past_due" ? "danger" : ending ? "warning" : "success"}>{ending ? "Canceling" : subscription.status.replace("_", " ")}</Badge>
                      </div>
                      <p className="text-gray-700">
                        {formatMoney(price.unit_amount ?? 0, price.currency.toUpperCase())} per {price.recurring?.interval ?? "period"}
                        {" · "}
                        {ending ? `Your plan will be canceled on ${date(item.current_period_end)}` : subscription.status === "trialing" ? `Trial ends ${date(subscription.trial_end)}` : `Renews ${date(item.current_period_end)}`}
                      </p>
                      {ending ? (
                        <PortalSubscriptionButton action={portalResumeAction} portalId={id} subscriptionId={subscription.id} label="Renew plan" pendingLabel="Renewing…" variant="primary" />
                      ) : (
                        <PortalSubscriptionButton action={portalCancelAction} portalId={id} subscriptionId={subscription.id} label="Cancel plan" pendingLabel="Canceling…" variant="danger" />
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Payment method</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            <p className="text-gray-800">{card ? `${card.brand[0].toUpperCase()}${card.brand.slice(1)} ending in ${card.last4} · expires ${card.exp_month}/${card.exp_year}` : "No card on file"}</p>
            <PortalCardForm action={portalUpdateCardAction} portalId={id} />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Invoice history</CardTitle>
          </CardHeader>
          <CardContent>
            {view.invoices.length === 0 ? (
              <p className="text-gray-700">No invoices yet.</p>
            ) : (
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Invoices</caption>
                <thead>
                  <tr className="border-b border-gray-200 text-gray-600">
                    <th scope="col" className="py-2 font-medium">
                      Date
                    </th>
                    <th scope="col" className="py-2 font-medium">
                      Amount
                    </th>
                    <th scope="col" className="py-2 font-medium">
                      Status
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.invoices.map((invoice) => (
                    <tr key={invoice.id} className="border-b border-gray-100">
                      <td className="py-2">{date(invoice.created)}</td>
                      <td className="py-2">{formatMoney(invoice.total, invoice.currency.toUpperCase())}</td>
                      <td className="py-2">{invoice.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
