/** One figure on an admin page: a label, the value and an optional line under it (inside a <dl>). */
export function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-lg border border-neutral-200 bg-white p-4">
      <dt className="text-sm text-neutral-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-neutral-900 tabular-nums">{value}</dd>
      {detail ? <dd className="mt-0.5 text-sm text-neutral-600">{detail}</dd> : null}
    </div>
  );
}
