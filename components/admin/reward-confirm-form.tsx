"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/actions/result";

type Props = {
  id: string;
  action: (state: null, formData: FormData) => Promise<ActionResult<{ id: string; status: string }>>;
  /** The button, e.g. "Archive reward". */
  label: string;
  done: string;
};

/** A one-step, audited change with a required reason: archive a reward, cancel an unbooked session. */
export function RewardConfirmForm({ id, action, label, done }: Props) {
  const [state, formAction] = useActionState((_previous: ActionResult<{ id: string; status: string }> | null, formData: FormData) => action(null, formData), null);
  const reasonError = state && !state.ok ? state.fieldErrors?.reason?.[0] : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="id" value={id} />
      {state && !state.ok && !reasonError ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok ? <Alert tone="success">{done}</Alert> : null}
      <Field label="Reason" name="reason" error={reasonError} hint="Required; kept in the audit log.">
        <Textarea rows={2} maxLength={500} required />
      </Field>
      <SubmitButton variant="danger" size="sm" pendingLabel="Saving…">
        {label}
      </SubmitButton>
    </form>
  );
}
