import type { Metadata } from "next";
import { BackLink } from "@/components/admin/back-link";
import { FilterForm, selectClasses } from "@/components/admin/operations/filter-form";
import { listHref, Pager } from "@/components/admin/operations/pager";
import { RetryEventForm } from "@/components/admin/operations/retry-event-form";
import { EVENT_STATUS_LABELS, EventStatusBadge } from "@/components/admin/operations/status-badges";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { retryStripeEventAction } from "@/lib/operations/actions";
import { decodeCursor } from "@/lib/operations/cursor";
import { param, parseFilters, STRIPE_EVENT_STATUSES, stripeEventFiltersSchema } from "@/lib/operations/schemas";
import { listStripeEvents, type StripeEventRow } from "@/lib/operations/stripe-events";

export const metadata: Metadata = { title: "Stripe events · Operations" };

const PATH = "/admin/operations/stripe-events";

function EventItem({ event }: { event: StripeEventRow }) {
  return (
    <li className="grid gap-4 px-4 py-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div className="min-w-0 space-y-1 text-sm">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-medium break-all text-neutral-900">{event.type}</span>
          <EventStatusBadge status={event.status} />
        </p>
        <p className="text-neutral-600">
          <code className="break-all">{event.id}</code>
        </p>
        <p className="text-neutral-600">
          {event.status === "failed" ? "Last failed" : event.status === "processed" ? "Processed" : "Ignored"} {formatDateTime(event.at)}
          {event.created ? ` · created by Stripe ${formatDateTime(new Date(event.created * 1000))}` : null}
          {event.failures > 0 && event.status !== "failed" ? ` · after ${event.failures} failed ${event.failures === 1 ? "attempt" : "attempts"}` : null}
          {event.status === "failed" ? ` · ${event.failures} failed ${event.failures === 1 ? "attempt" : "attempts"}` : null}
        </p>
        {event.lastError ? <p className="rounded-md bg-danger-50 px-2 py-1 font-mono text-xs break-words text-danger-800">{event.lastError}</p> : null}
      </div>
      {event.status === "failed" ? <RetryEventForm eventId={event.id} subject={`${event.type} ${event.id}`} action={retryStripeEventAction} /> : null}
    </li>
  );
}

export default async function StripeEventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin(PATH);
  const params = await searchParams;
  const { values, errors, raw } = parseFilters(stripeEventFiltersSchema, params);
  const before = param(params, "before");
  const cursor = decodeCursor(before);
  const page = await listStripeEvents(values, cursor);
  const filters = { status: values.status, type: values.type };
  const filtered = Boolean(values.status || values.type);

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink href="/admin/operations" label="Operations" />
      <PageHeader
        className="mt-2"
        title="Stripe events"
        description="Every event Stripe sent to the webhook, newest first. A failed event changed nothing; Stripe retries it for up to three days, or retry it here once the cause is fixed."
      />
      <div className="mt-6">
        <FilterForm action={PATH} label="Filter events" active={filtered}>
          <Field label="Status" name="status" error={errors.status}>
            <select defaultValue={values.status ?? ""} className={selectClasses}>
              <option value="">All</option>
              {STRIPE_EVENT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {EVENT_STATUS_LABELS[status]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Type" name="type" error={errors.type} hint="Or its beginning, e.g. invoice.">
            <Input defaultValue={raw.type ?? ""} placeholder="checkout.session.completed" autoComplete="off" spellCheck={false} maxLength={100} />
          </Field>
        </FilterForm>
      </div>

      <h2 className="sr-only">Events</h2>
      {page.rows.length === 0 ? (
        <EmptyState
          className="mt-6"
          title={filtered ? "No events match" : "No events yet"}
          description={filtered ? "Try another status or type, or clear the filters." : "Events appear here as Stripe sends them: checkouts, subscription changes, invoices, refunds and disputes."}
        />
      ) : (
        <ul className="mt-6 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white" aria-label="Stripe events">
          {page.rows.map((event) => (
            <EventItem key={`${event.status}:${event.id}`} event={event} />
          ))}
        </ul>
      )}
      <Pager label="Pages of events" newestHref={listHref(PATH, filters)} olderHref={page.next ? listHref(PATH, filters, page.next) : null} onFirstPage={!cursor} />
    </div>
  );
}
