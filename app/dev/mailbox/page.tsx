import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { isMailboxEnabled, listOutbox } from "@/lib/email/outbox";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false } };

export default async function MailboxPage({ searchParams }: PageProps<"/dev/mailbox">) {
  if (!isMailboxEnabled()) notFound();
  const params = await searchParams;
  // A NUL cannot be in any address (and Postgres would refuse the lookup).
  const to = typeof params.to === "string" && params.to.length <= 320 && !params.to.includes("\u0000") ? params.to : undefined;
  const messages = await listOutbox({ to });
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <PageHeader
        title="Dev mailbox"
        description="Email delivery isn't configured, so every message the site sends is kept here. Set RESEND_API_KEY to send real email."
      />
      <form className="mt-6 flex flex-col gap-2 sm:flex-row sm:items-end" method="GET">
        <div className="flex-1">
          <label htmlFor="to" className="block text-sm font-medium text-gray-800">
            Recipient
          </label>
          <input
            id="to"
            name="to"
            type="email"
            defaultValue={to}
            placeholder="member@cairn.test"
            className="mt-1 block min-h-11 w-full rounded-md border border-gray-300 bg-white px-3 py-2"
          />
        </div>
        <button className="min-h-11 rounded-md border border-gray-300 bg-white px-4 py-2 font-medium hover:bg-gray-100" type="submit">
          Filter
        </button>
        {to ? (
          <Link className="min-h-11 px-2 py-2 text-sm underline" href="/dev/mailbox">
            Show all
          </Link>
        ) : null}
      </form>
      {messages.length === 0 ? (
        <div className="mt-8">
          <EmptyState title="No messages yet" description={to ? `Nothing has been sent to ${to}.` : "Request a sign-in link and it will appear here."} />
        </div>
      ) : (
        <ul className="mt-6 divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white" aria-label="Messages">
          {messages.map((m) => (
            <li key={m.id}>
              <Link href={`/dev/mailbox/${m.id}`} className="block px-4 py-3 hover:bg-gray-50 focus-visible:bg-gray-50">
                <span className="block font-medium text-gray-900">{m.subject}</span>
                <span className="block text-sm text-gray-600">
                  To {m.to} · {formatDateTime(m.createdAt)} · {m.status}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
