import { formatAuditValue, type AuditChange } from "@/lib/operations/audit-diff";

const MAX = 300;

function shown(value: unknown, missing: boolean): string {
  const text = formatAuditValue(value, missing);
  return text.length > MAX ? `${text.slice(0, MAX)}…` : text;
}

/** An audit entry's changed keys as "key: before → after"; long values wrap rather than widen the page. */
export function AuditChanges({ changes }: { changes: AuditChange[] }) {
  if (changes.length === 0) return <p className="text-sm text-neutral-600">No field changed.</p>;
  return (
    <dl className="space-y-1 text-sm">
      {changes.map((change) => (
        <div key={change.key} className="grid gap-x-2 sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)]">
          <dt className="font-mono text-xs break-all text-neutral-700 sm:pt-0.5">{change.key}</dt>
          <dd className="min-w-0 break-words">
            <del className="text-danger-800 decoration-danger-700/60">
              <span className="sr-only">was </span>
              {shown(change.before, change.beforeMissing)}
            </del>
            <span aria-hidden="true" className="px-1.5 text-neutral-500">
              →
            </span>
            <ins className="text-success-800 no-underline">
              <span className="sr-only">, now </span>
              {shown(change.after, change.afterMissing)}
            </ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}
