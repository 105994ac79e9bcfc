import { CopyButton } from "./copy-button";

/** A discount code, large and selectable, with a copy button. */
export function RewardCode({ code }: { code: string }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <code data-testid="reward-code" className="rounded-md border border-dashed border-brand-300 bg-white px-3 py-2 font-mono text-lg font-semibold tracking-wider text-neutral-900 select-all">
        {code}
      </code>
      <CopyButton value={code} />
    </div>
  );
}
