import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { cn } from "./cn";
import { Label } from "./label";

/** The props Field puts on its control. Spread them onto your own control when you use the render-prop form. */
export type FieldControlProps = {
  id: string;
  name: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

export type FieldProps = {
  label: ReactNode;
  /** The form field name; also set on the control unless the control has its own. */
  name: string;
  /** Control id; defaults to a generated one, so two forms on a page never collide. */
  id?: string;
  /** A message for this field; marks the control aria-invalid and is announced with it. */
  error?: string;
  hint?: string;
  className?: string;
  /** One control element (Input, Textarea, select…), or a render prop receiving the wiring props. */
  children: ReactElement<Partial<FieldControlProps>> | ((control: FieldControlProps) => ReactNode);
};

/**
 * Label + control + hint + error, with `id`, `htmlFor`, `aria-describedby` and `aria-invalid` wired.
 * The hint comes before the error in the description so screen readers read "hint, error".
 */
export function Field({ label, name, id, error, hint, className, children }: FieldProps) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;

  const own = typeof children === "function" ? undefined : children.props;
  const describedBy = [own?.["aria-describedby"], hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  const control: FieldControlProps = {
    id: controlId,
    name: own?.name ?? name,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(error || own?.["aria-invalid"] ? { "aria-invalid": true as const } : {}),
  };

  return (
    <div className={cn("space-y-1.5", className)}>
      <Label htmlFor={controlId}>{label}</Label>
      {typeof children === "function" ? children(control) : isValidElement(children) ? cloneElement(children, control) : null}
      {hint ? (
        <p id={hintId} className="text-sm text-neutral-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="flex items-start gap-1.5 text-sm font-medium text-danger-700">
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0">
            <path
              fillRule="evenodd"
              d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
              clipRule="evenodd"
            />
          </svg>
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  );
}
