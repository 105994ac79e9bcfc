"use client";

import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ButtonVariant } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";

/**
 * A one-button form for a server action that redirects on success (checkout, portal): shows a
 * pending state while it runs and the action's error in words when it fails.
 */
export function ActionForm<T>({
  action,
  fields = {},
  label,
  pendingLabel,
  variant = "primary",
  className,
  children,
}: {
  action: (state: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;
  fields?: Record<string, string>;
  label: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  className?: string;
  children?: ReactNode;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className={className}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <SubmitButton variant={variant} className="w-full" pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      {state && !state.ok ? (
        <Alert tone="error" className="mt-3">
          {state.error}
        </Alert>
      ) : null}
    </form>
  );
}
