"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { controlClasses } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatPoints } from "@/lib/format";
import type { importOrdersAction } from "@/lib/orders/actions";

type Props = { action: typeof importOrdersAction; integrations: { id: string; name: string }[] };

const TONE = { created: "success", duplicate: "neutral", error: "danger" } as const;

/** Upload past orders as CSV; each line is reported as created, duplicate or error (line and column). */
export function IntegrationImportForm({ action, integrations }: Props) {
  const [state, formAction] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  const report = state?.ok ? state.data : null;
  const lines = report?.lines ?? [];
  // A long file: the problems first, then the rest.
  const shown = [...lines.filter((l) => l.status === "error"), ...lines.filter((l) => l.status !== "error")].slice(0, 200);

  if (integrations.length === 0) return <p className="text-sm text-neutral-600">Create an integration first: imported orders are recorded as coming from one.</p>;
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate>
        <Field label="Integration" name="integrationId" error={failure?.fieldErrors?.integrationId?.[0]}>
          <select className={cn(controlClasses, "h-11 sm:h-10")} defaultValue={integrations[0].id}>
            {integrations.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="CSV file" name="file" error={failure?.fieldErrors?.file?.[0]} hint="Columns: external_id,email,currency,total_cents,qualifying_cents,placed_at">
          <input type="file" accept=".csv,text/csv" required className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded-lg file:border file:border-neutral-300 file:bg-white file:px-3 file:font-medium sm:file:min-h-9" />
        </Field>
        <div className="sm:col-span-2">
          <SubmitButton variant="secondary" pendingLabel="Importing…">
            Import orders
          </SubmitButton>
        </div>
      </form>
      {failure && !failure.fieldErrors?.file && !failure.fieldErrors?.integrationId ? <Alert tone="error">{failure.error}</Alert> : null}
      {report ? (
        <Alert tone={report.errors ? "warning" : "success"} title={`${report.created} created, ${report.duplicate} already imported, ${report.errors} with errors`}>
          {shown.length ? (
            <ul className="mt-2 max-h-96 space-y-1.5 overflow-y-auto">
              {shown.map((l) => (
                <li key={l.line} className="flex flex-wrap items-center gap-2">
                  <span className="tabular-nums">Line {l.line}</span>
                  <Badge tone={TONE[l.status]}>{l.status}</Badge>
                  {l.externalId ? <code className="text-xs break-all">{l.externalId}</code> : null}
                  {l.status === "error" ? (
                    <span>
                      <span className="font-medium">{l.field}</span>: {l.error}
                    </span>
                  ) : (
                    <span>{formatPoints(l.points)}</span>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p>The file has a header but no orders.</p>
          )}
          {lines.length > shown.length ? <p className="mt-2">…and {lines.length - shown.length} more lines.</p> : null}
        </Alert>
      ) : null}
    </div>
  );
}
