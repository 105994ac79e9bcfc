import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { extractLinks, getOutboxEmail, isMailboxEnabled } from "@/lib/email/outbox";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Message", robots: { index: false } };

export default async function MailboxMessagePage({ params }: PageProps<"/dev/mailbox/[id]">) {
  if (!isMailboxEnabled()) notFound();
  const { id } = await params;
  const message = await getOutboxEmail(id);
  if (!message) notFound();
  const links = extractLinks(message.html);
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <p>
        <Link href={`/dev/mailbox?to=${encodeURIComponent(message.to)}`} className="text-sm underline">
          ← Back to the mailbox
        </Link>
      </p>
      <PageHeader title={message.subject} description={`To ${message.to} · from ${message.from} · ${formatDateTime(message.createdAt)}`} />
      {links.length ? (
        <section aria-labelledby="links-heading" className="mt-6 rounded-lg border border-gray-200 bg-white p-4">
          <h2 id="links-heading" className="text-sm font-semibold text-gray-800">
            Links in this message
          </h2>
          <ul className="mt-2 space-y-1">
            {links.map((link) => (
              <li key={link.href}>
                <a className="break-all text-brand-700 underline" href={link.href}>
                  {link.text}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {message.attachments.length ? (
        <section aria-labelledby="attachments-heading" className="mt-4 rounded-lg border border-gray-200 bg-white p-4">
          <h2 id="attachments-heading" className="text-sm font-semibold text-gray-800">
            Attachments
          </h2>
          <ul className="mt-2 space-y-1">
            {message.attachments.map((a) => (
              <li key={a.filename}>
                <a className="text-brand-700 underline" download={a.filename} href={`data:${a.contentType};base64,${a.contentBase64}`}>
                  {a.filename}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {/* The message renders in a sandbox: no scripts, no navigation out of the frame. */}
      <iframe title="Message body" sandbox="" srcDoc={message.html} className="mt-6 h-[36rem] w-full rounded-lg border border-gray-200 bg-white" />
      <details className="mt-4">
        <summary className="cursor-pointer text-sm font-medium">Plain-text version</summary>
        <pre className="mt-2 whitespace-pre-wrap rounded-lg border border-gray-200 bg-white p-4 text-sm">{message.text}</pre>
      </details>
    </div>
  );
}
