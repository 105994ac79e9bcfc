/**
 * A progress bar with its text equivalent: screen readers get role="progressbar" with the numbers
 * and `aria-valuetext` in words; sighted users get the same words beside it (`label`).
 */
export function TierProgressBar({ value, max, label, valueText }: { value: number; max: number; label: string; valueText: string }) {
  const now = Math.min(Math.max(0, value), max);
  const percent = max > 0 ? Math.round((now / max) * 100) : 100;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={now}
      aria-valuetext={valueText}
      className="h-2.5 w-full overflow-hidden rounded-full bg-neutral-200"
    >
      <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
    </div>
  );
}
