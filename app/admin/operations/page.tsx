import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/admin/back-link";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { getOperationsOverview } from "@/lib/operations/overview";

export const metadata: Metadata = { title: "Operations · Admin" };

type Section = { href: string; title: string; description: string; waiting?: { count: number; label: string } };

function SectionList({ label, sections }: { label: string; sections: Section[] }) {
  return (
    <ul className="mt-3 grid gap-3 sm:grid-cols-2" aria-label={label}>
      {sections.map((section) => (
        <li key={section.href}>
          <Link href={section.href} className="block h-full rounded-lg border border-neutral-200 bg-white p-4 shadow-xs hover:border-neutral-300 hover:bg-neutral-50 focus-visible:bg-neutral-50">
            <span className="flex flex-wrap items-center gap-2">
              <span className="font-semibold text-neutral-900">{section.title}</span>
              {section.waiting && section.waiting.count > 0 ? <Badge tone="warning">{`${section.waiting.count.toLocaleString("en-US")} ${section.waiting.label}`}</Badge> : null}
            </span>
            <span className="mt-1 block text-sm text-neutral-600">{section.description}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export default async function OperationsPage() {
  await requireAdmin("/admin/operations");
  const overview = await getOperationsOverview();
  const tools: Section[] = [
    {
      href: "/admin/operations/stripe-events",
      title: "Stripe events",
      description: "Every webhook event: processed, ignored or failed. Retry a failed one.",
      waiting: { count: overview.failedStripeEvents, label: "failed" },
    },
    {
      href: "/admin/operations/emails",
      title: "Emails",
      description: "The outbox: what was sent to whom, and whether it arrived at the provider. Resend a message.",
      waiting: { count: overview.failedEmails, label: "failed this week" },
    },
    {
      href: "/admin/emails",
      title: "Email delivery",
      description: "Messages the provider has not accepted yet: waiting for their next attempt, or given up — send those back to the retry job.",
    },
    { href: "/admin/operations/audit", title: "Audit log", description: "Every change made by an admin or the system, with who, when, why and what changed." },
    { href: "/admin/operations/exports", title: "Exports", description: "CSV downloads of members, orders, points postings and redemptions." },
  ];
  const queues: Section[] = [
    { href: "/admin/fulfilment", title: "Fulfilment", description: "Products to ship and services to deliver.", waiting: { count: overview.fulfilment, label: "waiting" } },
    { href: "/admin/referrals", title: "Referral review", description: "Referrals the fraud rules held for a decision.", waiting: { count: overview.flaggedReferrals, label: "flagged" } },
    { href: "/admin/claims", title: "Review claims", description: "Reviews and shares members reported, waiting for approval.", waiting: { count: overview.pendingClaims, label: "pending" } },
    { href: "/admin/integrations", title: "Store integrations", description: "Shops and tills that send orders: secrets, revocation, CSV import." },
  ];
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink />
      <PageHeader className="mt-2" title="Operations" description="Keep the program running: payments and emails that need a hand, queues waiting for a decision, the audit trail and exports." />
      <section className="mt-8" aria-labelledby="tools-heading">
        <h2 id="tools-heading" className="text-lg font-semibold text-neutral-900">
          Logs and exports
        </h2>
        <SectionList label="Logs and exports" sections={tools} />
      </section>
      <section className="mt-10" aria-labelledby="queues-heading">
        <h2 id="queues-heading" className="text-lg font-semibold text-neutral-900">
          Queues and integrations
        </h2>
        <SectionList label="Queues and integrations" sections={queues} />
      </section>
    </div>
  );
}
