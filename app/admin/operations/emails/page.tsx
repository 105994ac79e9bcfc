import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/admin/back-link";
import { FilterForm, selectClasses } from "@/components/admin/operations/filter-form";
import { listHref, Pager } from "@/components/admin/operations/pager";
import { EMAIL_STATUS_LABELS, EmailStatusBadge } from "@/components/admin/operations/status-badges";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { decodeCursor } from "@/lib/operations/cursor";
import { listEmails } from "@/lib/operations/emails";
import { EMAIL_STATUSES, emailFiltersSchema, param, parseFilters } from "@/lib/operations/schemas";

export const metadata: Metadata = { title: "Emails · Operations" };

const PATH = "/admin/operations/emails";

export default async function EmailsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin(PATH);
  const params = await searchParams;
  const { values, errors, raw } = parseFilters(emailFiltersSchema, params);
  const cursor = decodeCursor(param(params, "before"));
  const page = await listEmails(values, cursor);
  const filters = { status: values.status, to: values.to };
  const filtered = Boolean(values.status || values.to);

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink href="/admin/operations" label="Operations" />
      <PageHeader
        className="mt-2"
        title="Emails"
        description="Every message Cairn wrote to the outbox, newest first, with what the email provider said. Open one to read it or send it again."
      />
      <div className="mt-6">
        <FilterForm action={PATH} label="Filter emails" active={filtered}>
          <Field label="Status" name="status" error={errors.status}>
            <select defaultValue={values.status ?? ""} className={selectClasses}>
              <option value="">All</option>
              {EMAIL_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {EMAIL_STATUS_LABELS[status]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Recipient" name="to" error={errors.to} hint="The whole address, or its beginning.">
            <Input type="search" defaultValue={raw.to ?? ""} placeholder="member@example.com" autoComplete="off" spellCheck={false} maxLength={320} />
          </Field>
        </FilterForm>
      </div>

      <h2 className="sr-only">Messages</h2>
      {page.rows.length === 0 ? (
        <EmptyState
          className="mt-6"
          title={filtered ? "No messages match" : "No messages yet"}
          description={filtered ? "Try another status or recipient, or clear the filters." : "Sign-in links, receipts, tickets and reminders appear here as they are sent."}
        />
      ) : (
        <ul className="mt-6 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white" aria-label="Messages">
          {page.rows.map((message) => (
            <li key={message.id}>
              <Link href={`${PATH}/${message.id}`} className="block px-4 py-3 hover:bg-neutral-50 focus-visible:bg-neutral-50">
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-neutral-900">{message.subject}</span>
                  <EmailStatusBadge status={message.status} />
                </span>
                <span className="mt-0.5 block text-sm break-all text-neutral-600">
                  To {message.to} · {formatDateTime(message.createdAt)} · {message.template}
                </span>
                {message.status === "failed" && message.error ? <span className="mt-1 block text-sm break-words text-danger-700">{message.error}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Pager label="Pages of messages" newestHref={listHref(PATH, filters)} olderHref={page.next ? listHref(PATH, filters, page.next) : null} onFirstPage={!cursor} />
    </div>
  );
}
