import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { BackLink } from "@/components/admin/back-link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { earnRateLabel, pointValueLabel } from "@/lib/brand/point-value";
import { formatDateTime } from "@/lib/format";
import { expiryLabel, thresholdLabel } from "@/lib/settings-admin/describe";
import { getSettingsOverview } from "@/lib/settings-admin/overview";

export const metadata: Metadata = { title: "Program settings · Admin" };

function Section({ title, description, href, action, children }: { title: string; description: string; href: string; action: string; children: ReactNode }) {
  return (
    <Card className="flex flex-col">
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="flex-1 text-sm text-neutral-700">{children}</CardContent>
      <CardFooter>
        <Link href={href} className={buttonClasses("secondary", "md", "w-full sm:w-auto")}>
          {action}
        </Link>
      </CardFooter>
    </Card>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="space-y-2">
      {rows.map(([term, value]) => (
        <div key={term} className="flex flex-wrap justify-between gap-x-4">
          <dt className="text-neutral-600">{term}</dt>
          <dd className="min-w-0 font-medium break-words text-neutral-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function AdminSettingsPage() {
  await requireAdmin("/admin/settings");
  const { brand, rules, tiers, tierSettings, policy, referrals, recent } = await getSettingsOverview();
  const purchase = rules.find((r) => r.id === "purchase");
  const active = rules.filter((r) => r.active).length;

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink />
      <PageHeader
        className="mt-2"
        title="Program settings"
        description="How members earn, climb and spend, and how the program looks. Every change needs a reason and is recorded in the audit log with its before and after values."
      />

      <div className="mt-8 grid gap-4 md:grid-cols-2">
        <Section title="Brand" description="Name, logo, colour, support email and currency: the site and every email." href="/admin/settings/brand" action="Edit brand">
          <Facts
            rows={[
              ["Name", brand.programName],
              [
                "Colour",
                <span key="colour" className="inline-flex items-center gap-2">
                  <span aria-hidden="true" className="size-4 rounded border border-neutral-300" style={{ backgroundColor: brand.primaryColor }} />
                  {brand.primaryColor}
                </span>,
              ],
              ["Currency", brand.currency],
              ["Support email", brand.supportEmail ?? "None"],
              ["Logo", brand.logoImageId ? "Uploaded" : brand.logoUrl ? "Linked" : "Built-in mark"],
            ]}
          />
        </Section>

        <Section
          title="Earning rules"
          description="Points for purchases, joining, birthdays, reviews, shares and surveys."
          href="/admin/settings/earning"
          action="Edit earning rules"
        >
          {rules.length === 0 ? (
            <p>No earning rules yet. Run the seed (npm run db:seed) to create the program&apos;s rules.</p>
          ) : (
            <Facts
              rows={[
                ["Active rules", `${active} of ${rules.length}`],
                ["Purchases", purchase?.active ? (earnRateLabel(purchase.points, brand.currency) ?? "Nothing") : "Switched off"],
              ]}
            />
          )}
        </Section>

        <Section
          title="Tiers"
          description={`Qualified on ${tierSettings.metric === "spend" ? "spend" : "points earned"} over 12 months; downgrades wait ${tierSettings.graceDays} days.`}
          href="/admin/settings/tiers"
          action="Edit tiers"
        >
          {tiers.length === 0 ? (
            <p>No tiers yet. Run the seed (npm run db:seed) to create them.</p>
          ) : (
            <Facts rows={tiers.map((t) => [t.name, `${thresholdLabel(t.threshold, tierSettings.metric, brand.currency)} · ${t.multiplier}×`])} />
          )}
        </Section>

        <Section title="Points expiry and value" description="When earned points expire and what a point is worth." href="/admin/settings/expiry" action="Edit expiry and value">
          <Facts
            rows={[
              ["Expiry", expiryLabel(policy.expiryMonths)],
              ["Value", pointValueLabel(policy.pointValueCents, brand.currency) ?? "No cash value"],
            ]}
          />
        </Section>

        <Section title="Referrals" description="Reward, friend's discount, attribution window, hold and fraud limits." href="/admin/referrals" action="Edit on the referrals page">
          <Facts
            rows={[
              ["Referrer reward", `${referrals.rewardPoints.toLocaleString("en-US")} points`],
              ["Friend's discount", `${referrals.refereeDiscountPercent}%`],
              ["Window", `${referrals.windowDays} days, ${referrals.touch} click counts`],
            ]}
          />
        </Section>

        <Section title="Plans and pricing" description="Membership plans, prices, trials and plan benefits, synced to Stripe." href="/admin/plans" action="Edit plans">
          <p>Each plan&apos;s points multiplier, % back, minimum tier and bonus points are set on its own page.</p>
        </Section>
      </div>

      <section className="mt-10" aria-labelledby="changes-heading">
        <h2 id="changes-heading" className="text-lg font-semibold text-neutral-900">
          Recent settings changes
        </h2>
        {recent.length === 0 ? (
          <EmptyState className="mt-3" title="No changes yet" description="Each change to these settings shows here with who made it, when and why." />
        ) : (
          <ul className="mt-3 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white">
            {recent.map((entry) => (
              <li key={entry.id} className="space-y-1 px-4 py-3 text-sm">
                <p className="flex flex-wrap items-center gap-2">
                  <Badge tone="brand">{entry.action}</Badge>
                  <span className="text-neutral-900">
                    {entry.entityType}
                    {entry.entityId ? ` ${entry.entityId}` : ""}
                  </span>
                </p>
                {entry.reason ? <p className="break-words text-neutral-700">&ldquo;{entry.reason}&rdquo;</p> : null}
                <p className="text-neutral-600">
                  {entry.actor ?? "System"} · {formatDateTime(entry.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
