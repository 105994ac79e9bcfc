"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { retryStripeEventAction } from "@/lib/operations/actions";

/** Retry one failed Stripe event, with the reason the audit log keeps. Folded away until wanted. */
export function RetryEventForm({ eventId, subject, action }: { eventId: string; subject: string; action: typeof retryStripeEventAction }) {
  const [state, formAction] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  if (state?.ok) {
    return (
      <Alert tone="success">
        {state.data.outcome === "processed" ? "Processed. The member's state now follows this event." : "Done: Cairn doesn't act on this kind of event, so it was marked ignored."}
      </Alert>
    );
  }
  return (
    <details className="rounded-lg border border-neutral-200 p-3" open={failure ? true : undefined}>
      <summary className="cursor-pointer text-sm font-medium text-brand-700">
        Retry<span className="sr-only"> {subject}</span>
      </summary>
      <form action={formAction} className="mt-3 space-y-2" noValidate>
        <input type="hidden" name="eventId" value={eventId} />
        <Field label="Reason" name="reason" error={failure?.fieldErrors?.reason?.[0]} hint="Fetched again from Stripe and processed like a webhook. Kept in the audit log.">
          <Textarea rows={2} maxLength={500} required />
        </Field>
        {failure && !failure.fieldErrors?.reason ? <Alert tone="error">{failure.error}</Alert> : null}
        <SubmitButton size="sm" pendingLabel="Retrying…">
          Retry now<span className="sr-only"> {subject}</span>
        </SubmitButton>
      </form>
    </details>
  );
}
