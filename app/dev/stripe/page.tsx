import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClockForm } from "@/components/dev/clock-form";
import { TestModeBanner } from "@/components/dev/test-mode-banner";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { advanceClockAction } from "@/lib/billing/dev-actions";
import { getEmulator } from "@/lib/billing/stripe-client";
import { getEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Stripe emulator", robots: { index: false } };

/** The emulator's test clock: move time forward to see renewals, trial ends and failed payments. */
export default async function StripeEmulatorPage() {
  if (!getEnv().embedded.billing) notFound();
  const emulator = await getEmulator();
  const [now, deliveries] = await Promise.all([emulator.now(), emulator.webhooks.deliveries()]);
  const recent = deliveries.slice(-15).reverse();
  return (
    <div>
      <TestModeBanner />
      <div className="mx-auto w-full max-w-4xl space-y-6 px-4 py-10">
        <PageHeader title="Stripe emulator" description="Billing runs on an in-process Stripe emulator because STRIPE_SECRET_KEY is not set. Move its clock to see renewals, trial ends and failed payments." />
        <Card>
          <CardHeader>
            <CardTitle>Test clock</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            <p className="text-gray-800">
              Emulator time: <strong>{formatDateTime(new Date(now * 1000))}</strong>
            </p>
            <ClockForm action={advanceClockAction} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Recent webhook deliveries</CardTitle>
          </CardHeader>
          <CardContent>
            {recent.length === 0 ? (
              <p className="text-gray-700">No events yet.</p>
            ) : (
              <ul className="divide-y divide-gray-100 text-sm">
                {recent.map((d) => (
                  <li key={d.eventId} className="flex flex-wrap justify-between gap-x-4 gap-y-1 py-2">
                    <span className="min-w-0 font-mono break-all">{d.eventId}</span>
                    <span className={d.status === "failed" ? "text-danger-700" : "text-gray-600"}>
                      {d.status} · {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
