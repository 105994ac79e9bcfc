import { useId } from "react";

type Props = { name: string; label: string; hint: string; defaultChecked: boolean; error?: string; disabled?: boolean };

/** A checkbox with its label beside it and the same hint/error wiring as Field (admin forms). */
export function CheckboxField({ name, label, hint, defaultChecked, error, disabled }: Props) {
  const id = useId();
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        name={name}
        type="checkbox"
        defaultChecked={defaultChecked}
        disabled={disabled}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        className="mt-0.5 size-5 shrink-0 rounded border-neutral-400 accent-brand-700"
      />
      <div className="min-w-0 space-y-0.5">
        <label htmlFor={id} className="block text-sm font-medium text-neutral-900">
          {label}
        </label>
        <p id={`${id}-hint`} className="text-sm text-neutral-600">
          {hint}
        </p>
        {error ? (
          <p id={`${id}-error`} className="text-sm font-medium text-danger-700">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
