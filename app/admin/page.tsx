import { count, desc, eq } from "drizzle-orm";
import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/db";
import { auditLog, emailOutbox, users } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireAdmin("/admin");
  const [[people], [emails], [undelivered], recent] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(emailOutbox),
    db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.status, "failed")),
    db.select().from(auditLog).orderBy(desc(auditLog.createdAt)).limit(10),
  ]);
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <PageHeader title="Admin" description="Run the program: members, plans, rewards and reports." />
      <nav aria-label="Admin sections" className="mt-6">
        <ul className="flex flex-wrap gap-3">
          {[
            { href: "/admin/members", label: "Members" },
            { href: "/admin/analytics", label: "Analytics" },
            { href: "/admin/accounting", label: "Points accounting" },
            { href: "/admin/settings", label: "Program settings" },
            { href: "/admin/operations", label: "Operations" },
            { href: "/admin/surveys", label: "Surveys" },
            { href: "/admin/plans", label: "Plans and pricing" },
            { href: "/admin/integrations", label: "Store integrations" },
            { href: "/admin/rewards", label: "Rewards catalog" },
            { href: "/admin/fulfilment", label: "Fulfilment" },
            { href: "/admin/check-in", label: "Check-in" },
            { href: "/admin/claims", label: "Review claims" },
            { href: "/admin/referrals", label: "Referrals" },
          ].map((section) => (
            <li key={section.href}>
              <Link href={section.href} className="inline-flex min-h-11 items-center rounded-lg border border-gray-300 bg-white px-4 font-medium hover:bg-gray-50">
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-8 grid gap-4 sm:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>People</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-3xl font-bold">{people.n}</p>
            <p className="mt-1 text-sm text-gray-600">accounts, members and admins</p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Emails</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-3xl font-bold">{emails.n}</p>
            <p className="mt-1 text-sm text-gray-600">messages written to the outbox</p>
            {undelivered.n > 0 ? (
              <p className="mt-2 text-sm">
                <Link href="/admin/emails" className="font-medium text-danger-800 underline-offset-2 hover:underline">
                  {undelivered.n} gave up after every attempt
                </Link>
              </p>
            ) : null}
          </CardContent>
        </Card>
      </div>
      <section className="mt-10" aria-labelledby="audit-heading">
        <h2 id="audit-heading" className="text-lg font-semibold">
          Recent changes
        </h2>
        {recent.length === 0 ? (
          <EmptyState title="No changes yet" description="Every admin change is recorded here with who made it and why." />
        ) : (
          <ul className="mt-3 divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white">
            {recent.map((entry) => (
              <li key={entry.id} className="px-4 py-3 text-sm">
                <span className="font-medium">{entry.action}</span> on {entry.entityType} {entry.entityId}
                {entry.reason ? <span className="text-gray-600"> — {entry.reason}</span> : null}
                <span className="block text-gray-500">{formatDateTime(entry.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
