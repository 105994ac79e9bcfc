"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { revokeIntegrationAction } from "@/lib/orders/actions";

type Props = { id: string; name: string; action: typeof revokeIntegrationAction };

/** Revoking takes a second step (open, then confirm), and keeps the reason in the audit log. */
export function IntegrationRevokeForm({ id, name, action }: Props) {
  const [state, formAction] = useActionState(action, null);
  return (
    <details>
      <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-danger-700 underline-offset-2 hover:underline sm:min-h-0">
        Revoke<span className="sr-only"> {name}</span>
      </summary>
      <form action={formAction} className="mt-3 space-y-3 text-left">
        <input type="hidden" name="id" value={id} />
        <p className="text-sm text-neutral-700">Requests signed with its secret are refused from now on. Orders it sent keep their points.</p>
        <Field label="Reason (optional)" name="reason" error={state && !state.ok ? state.fieldErrors?.reason?.[0] : undefined}>
          <Textarea rows={2} maxLength={500} />
        </Field>
        {state && !state.ok && !state.fieldErrors?.reason ? <Alert tone="error">{state.error}</Alert> : null}
        <SubmitButton variant="danger" size="sm" pendingLabel="Revoking…">
          Revoke {name}
        </SubmitButton>
      </form>
    </details>
  );
}
