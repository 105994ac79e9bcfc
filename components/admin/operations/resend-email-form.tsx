"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { resendEmailAction } from "@/lib/operations/actions";

const OUTCOME = {
  sent: "A copy was sent.",
  outbox: "A copy was written to the outbox (no email provider is configured, so it waits in the dev mailbox).",
  failed: "A copy was written, but the provider refused it for good; its error is on the copy.",
  queued: "A copy was written; the provider refused it for now, so the retry job will try again shortly.",
  skipped: "A copy was written; another sender is delivering it right now.",
} as const;

/** Send a copy of a message to its recipient again; the reason is kept in the audit log. */
export function ResendEmailForm({ emailId, to, action }: { emailId: string; to: string; action: typeof resendEmailAction }) {
  const [state, formAction] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  if (state?.ok) {
    return (
      <Alert tone={state.data.status === "failed" ? "warning" : "success"}>
        {OUTCOME[state.data.status]} <Link href={`/admin/operations/emails/${state.data.copyId}`}>Open the copy</Link>
      </Alert>
    );
  }
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="id" value={emailId} />
      <Field label="Reason" name="reason" error={failure?.fieldErrors?.reason?.[0]} hint={`A copy goes to ${to} from the current sender address. Kept in the audit log.`}>
        <Textarea rows={2} maxLength={500} required />
      </Field>
      {failure && !failure.fieldErrors?.reason ? <Alert tone="error">{failure.error}</Alert> : null}
      <SubmitButton pendingLabel="Sending…">Resend</SubmitButton>
    </form>
  );
}
