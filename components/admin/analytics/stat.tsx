import { Definition } from "./definition";

/** One headline figure with its definition. Lives in a <dl>. */
export function Stat({ label, value, detail, definition }: { label: string; value: string; detail?: string; definition: string }) {
  return (
    <div className="min-w-0 rounded-lg border border-neutral-200 bg-white p-4">
      <dt className="text-sm text-neutral-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold break-words text-neutral-900 tabular-nums">{value}</dd>
      {detail ? <dd className="mt-0.5 text-sm text-neutral-600">{detail}</dd> : null}
      <dd>
        <Definition figure={label}>{definition}</Definition>
      </dd>
    </div>
  );
}
