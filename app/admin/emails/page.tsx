import type { Metadata } from "next";
import type { ReactNode } from "react";
import { BackLink } from "@/components/admin/back-link";
import { ActionForm } from "@/components/billing/action-form";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { OutboxEmail } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/guards";
import { retryEmailAction } from "@/lib/email/actions";
import { listUndelivered } from "@/lib/email/outbox";
import { EMAIL_MAX_ATTEMPTS } from "@/lib/email/retry-schedule";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Email delivery · Admin" };

function Message({ email, children }: { email: OutboxEmail; children?: ReactNode }) {
  return (
    <li className="grid gap-3 px-4 py-4 text-sm sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
      <div className="min-w-0 space-y-1">
        <p className="font-medium text-neutral-900">{email.subject}</p>
        <p className="text-neutral-700">
          To {email.to} · <Badge tone="neutral">{email.template}</Badge> · written {formatDateTime(email.createdAt)}
        </p>
        <p className="text-neutral-700">
          {email.attempts} of {EMAIL_MAX_ATTEMPTS} attempts
          {email.status === "queued" && email.nextAttemptAt ? ` · next attempt ${formatDateTime(email.nextAttemptAt)}` : ""}
        </p>
        {email.error ? <p className="break-words text-danger-800">{email.error}</p> : null}
      </div>
      {children}
    </li>
  );
}

/**
 * Messages the provider has not accepted: the ones waiting for their next attempt (backoff), and the
 * ones that gave up, which an admin can send back to the retry job. Nothing here is ever deleted.
 */
export default async function AdminEmailsPage() {
  await requireAdmin("/admin/emails");
  const { failed, retrying, counts } = await listUndelivered();
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink />
      <PageHeader
        className="mt-2"
        title="Email delivery"
        description="Every email is kept in the outbox. A failed delivery is retried with growing waits (1, 2, 4 … 60 minutes); after the last attempt it stops here until you retry it."
      />

      <section className="mt-8" aria-labelledby="failed-heading">
        <h2 id="failed-heading" className="text-lg font-semibold text-neutral-900">
          Gave up{counts.failed ? ` (${counts.failed})` : ""}
        </h2>
        {failed.length === 0 ? (
          <EmptyState className="mt-3" title="Nothing failed" description="Messages the provider refused after every attempt show here." />
        ) : (
          <ul className="mt-3 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white">
            {failed.map((email) => (
              <Message key={email.id} email={email}>
                <ActionForm action={retryEmailAction} fields={{ emailId: email.id }} label="Retry" pendingLabel="Queuing…" variant="secondary" />
              </Message>
            ))}
          </ul>
        )}
      </section>

      <section className="mt-10" aria-labelledby="retrying-heading">
        <h2 id="retrying-heading" className="text-lg font-semibold text-neutral-900">
          Waiting for another attempt{counts.retrying ? ` (${counts.retrying})` : ""}
        </h2>
        {retrying.length === 0 ? (
          <EmptyState className="mt-3" title="Nothing waiting" description="Messages whose last attempt failed wait here for the next one." />
        ) : (
          <ul className="mt-3 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white">
            {retrying.map((email) => (
              <Message key={email.id} email={email} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
