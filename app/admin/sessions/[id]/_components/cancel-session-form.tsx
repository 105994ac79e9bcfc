"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { cancelSessionAction } from "@/lib/rewards/operations-actions";

/** Cancels the session: every booking refunded and emailed; the reason goes in the email and the audit log. */
export function CancelSessionForm({ sessionId, bookings, action }: { sessionId: string; bookings: number; action: typeof cancelSessionAction }) {
  const [state, formAction] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  if (state?.ok) {
    return (
      <Alert tone="success" title="Session cancelled">
        {state.data.refunded} {state.data.refunded === 1 ? "booking" : "bookings"} refunded, {state.data.emailed} {state.data.emailed === 1 ? "email" : "emails"} sent.
      </Alert>
    );
  }
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="sessionId" value={sessionId} />
      <Field label="Reason" name="reason" error={failure?.fieldErrors?.reason?.[0]} hint={`Sent to ${bookings === 1 ? "the attendee" : `all ${bookings} attendees`} and kept in the audit log.`}>
        <Textarea rows={3} maxLength={500} required />
      </Field>
      {failure && !failure.fieldErrors?.reason ? <Alert tone="error">{failure.error}</Alert> : null}
      <SubmitButton variant="danger" pendingLabel="Cancelling…">
        Cancel this session
      </SubmitButton>
    </form>
  );
}
