import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/admin/back-link";
import { ResendEmailForm } from "@/components/admin/operations/resend-email-form";
import { EmailStatusBadge } from "@/components/admin/operations/status-badges";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { resendEmailAction } from "@/lib/operations/actions";
import { canResend, getEmail, isConfidential, listResends } from "@/lib/operations/emails";

export const metadata: Metadata = { title: "Message · Operations" };

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[10rem_minmax(0,1fr)]">
      <dt className="text-neutral-600">{label}</dt>
      <dd className="min-w-0 break-words text-neutral-900">{children}</dd>
    </div>
  );
}

export default async function EmailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdmin(`/admin/operations/emails/${encodeURIComponent(id)}`);
  const message = await getEmail(id);
  if (!message) notFound();
  const resends = await listResends(message.id);
  const confidential = isConfidential(message);

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink href="/admin/operations/emails" label="Emails" />
      <PageHeader className="mt-2" title={message.subject} />

      <dl className="mt-6 space-y-2 rounded-lg border border-neutral-200 bg-white p-4 text-sm">
        <Detail label="Status">
          <EmailStatusBadge status={message.status} />
        </Detail>
        <Detail label="To">
          <Link href={`/admin/operations/emails?to=${encodeURIComponent(message.to)}`} className="text-brand-700 underline-offset-2 hover:underline">
            {message.to}
          </Link>
        </Detail>
        <Detail label="From">{message.from}</Detail>
        <Detail label="Template">{message.template}</Detail>
        <Detail label="Written">{formatDateTime(message.createdAt)}</Detail>
        <Detail label="Sent">{message.sentAt ? formatDateTime(message.sentAt) : "—"}</Detail>
        <Detail label="Delivery attempts">{message.attempts}</Detail>
        {message.providerId ? <Detail label="Provider id">{message.providerId}</Detail> : null}
        {message.error ? (
          <Detail label="Error">
            <span className="font-mono text-xs text-danger-800">{message.error}</span>
          </Detail>
        ) : null}
        {message.attachments.length ? <Detail label="Attachments">{message.attachments.map((a) => a.filename).join(", ")}</Detail> : null}
      </dl>

      {resends.length ? (
        <section className="mt-6" aria-labelledby="resends-heading">
          <h2 id="resends-heading" className="text-lg font-semibold text-neutral-900">
            Sent again
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {resends.map((r, i) => (
              <li key={i}>
                {formatDateTime(r.at)} by {r.actorEmail ?? "a removed admin"}
                {r.reason ? ` — ${r.reason}` : ""}
                {r.copyId ? (
                  <>
                    {" · "}
                    <Link href={`/admin/operations/emails/${r.copyId}`} className="text-brand-700 underline-offset-2 hover:underline">
                      the copy
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Send again</CardTitle>
          <CardDescription>Writes a copy of this message to the outbox and delivers it; this one stays as it is, with its own status.</CardDescription>
        </CardHeader>
        <CardContent>
          {!canResend(message) ? (
            <Alert tone="info">Sign-in links expire after 15 minutes, so this one can’t be resent. Send the member a new sign-in link from their profile.</Alert>
          ) : (
            <ResendEmailForm emailId={message.id} to={message.to} action={resendEmailAction} />
          )}
        </CardContent>
      </Card>

      <section className="mt-8" aria-labelledby="body-heading">
        <h2 id="body-heading" className="text-lg font-semibold text-neutral-900">
          Message
        </h2>
        {confidential ? (
          <Alert className="mt-3" tone="info">
            This message holds a link that acts as {message.to} (to sign in, or to answer a survey), so its body is not shown.
          </Alert>
        ) : (
          <>
            {/* The message renders in a sandbox: no scripts, no navigation out of the frame. */}
            <iframe title={`Body of “${message.subject}”`} sandbox="" srcDoc={message.html} className="mt-3 h-[36rem] w-full rounded-lg border border-neutral-200 bg-white" />
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium">Plain-text version</summary>
              <pre className="mt-2 rounded-lg border border-neutral-200 bg-white p-4 text-sm whitespace-pre-wrap">{message.text}</pre>
            </details>
          </>
        )}
      </section>
    </div>
  );
}
