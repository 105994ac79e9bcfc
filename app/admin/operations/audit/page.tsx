import type { Metadata } from "next";
import { BackLink } from "@/components/admin/back-link";
import { DateRangeForm } from "@/components/admin/date-range-form";
import { AuditChanges } from "@/components/admin/operations/audit-changes";
import { FilterForm } from "@/components/admin/operations/filter-form";
import { listHref, Pager } from "@/components/admin/operations/pager";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { listAuditLog, parseAuditCursor } from "@/lib/operations/audit-log";
import { auditFiltersSchema, param, parseFilters } from "@/lib/operations/schemas";
import { parseDateRange } from "@/lib/reports/date-range";

export const metadata: Metadata = { title: "Audit log · Operations" };

const PATH = "/admin/operations/audit";

/** Only set values: the URL stays short and each form keeps the other's. */
function compact(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin(PATH);
  const params = await searchParams;
  const { values, errors, raw } = parseFilters(auditFiltersSchema, params);
  const dates = parseDateRange(params);
  const before = parseAuditCursor(param(params, "before"));
  const page = await listAuditLog(values, dates.range, before);

  const filters = compact({ actor: values.actor, action: values.action, entityType: values.entityType, entityId: values.entityId });
  // The range as typed (an explicit range survives paging; the default stays implicit).
  const range = compact({ from: param(params, "from") && dates.ok ? dates.range.fromDay : undefined, to: param(params, "to") && dates.ok ? dates.range.toDay : undefined });
  const filtered = Object.keys(filters).length > 0;

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink href="/admin/operations" label="Operations" />
      <PageHeader
        className="mt-2"
        title="Audit log"
        description="Every change made by an admin or by the system, newest first: who, when, why, and the fields that changed. Entries are written with the change itself and never edited."
      />
      <div className="mt-6 space-y-4">
        <DateRangeForm result={dates} action={PATH} extra={filters} />
        <FilterForm action={PATH} label="Filter entries" active={filtered} hidden={range}>
          <Field label="Actor" name="actor" error={errors.actor} hint="Email, or its beginning.">
            <Input type="search" defaultValue={raw.actor ?? ""} autoComplete="off" spellCheck={false} maxLength={320} />
          </Field>
          <Field label="Action" name="action" error={errors.action} hint="Or its beginning, e.g. plan.">
            <Input type="search" defaultValue={raw.action ?? ""} autoComplete="off" spellCheck={false} maxLength={100} />
          </Field>
          <Field label="Entity type" name="entityType" error={errors.entityType} hint="e.g. plan, email, stripe_event">
            <Input type="search" defaultValue={raw.entityType ?? ""} autoComplete="off" spellCheck={false} maxLength={100} />
          </Field>
          <Field label="Entity id" name="entityId" error={errors.entityId}>
            <Input type="search" defaultValue={raw.entityId ?? ""} autoComplete="off" spellCheck={false} maxLength={255} />
          </Field>
        </FilterForm>
      </div>

      <h2 className="sr-only">Entries</h2>
      {page.rows.length === 0 ? (
        <EmptyState
          className="mt-6"
          title={filtered ? "No entries match" : "Nothing recorded in this range"}
          description={filtered ? "Try other filters or a wider date range, or clear the filters." : "Admin changes — plans, rewards, decisions, retries, resends — appear here as they happen."}
        />
      ) : (
        <ol className="mt-6 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white" aria-label="Audit entries">
          {page.rows.map((entry) => (
            <li key={entry.id} className="grid gap-3 px-4 py-4 sm:grid-cols-[minmax(0,16rem)_minmax(0,1fr)]">
              <div className="min-w-0 space-y-0.5 text-sm">
                <p className="font-medium break-all text-neutral-900">{entry.action}</p>
                <p className="break-all text-neutral-700">
                  {entry.entityType}
                  {entry.entityId ? <span className="text-neutral-600"> {entry.entityId}</span> : null}
                </p>
                <p className="break-all text-neutral-600">{entry.actorEmail ?? "System"}</p>
                <p className="text-neutral-600">{formatDateTime(entry.at)}</p>
              </div>
              <div className="min-w-0 space-y-2">
                {entry.reason ? (
                  <p className="text-sm text-neutral-900">
                    <span className="text-neutral-600">Reason: </span>
                    {entry.reason}
                  </p>
                ) : null}
                <AuditChanges changes={entry.changes} />
              </div>
            </li>
          ))}
        </ol>
      )}
      <Pager
        label="Pages of the audit log"
        newestHref={listHref(PATH, { ...filters, ...range })}
        olderHref={page.next ? listHref(PATH, { ...filters, ...range }, String(page.next)) : null}
        onFirstPage={before === null}
      />
    </div>
  );
}
