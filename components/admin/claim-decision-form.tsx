"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import type { decideClaimAction } from "@/lib/earning/claim-actions";
import type { ClaimDecision } from "@/lib/earning/claim-schemas";

/** `subject` names the claim for screen readers, e.g. "review by ana@example.com", so each button is distinct. */
type Props = { claimId: string; subject: string; action: typeof decideClaimAction };

/** One of the two submit buttons: only the one clicked shows that it is working, both refuse a second click. */
function DecisionButton({ decision, label, subject }: { decision: ClaimDecision; label: string; subject: string }) {
  const { pending, data } = useFormStatus();
  const mine = pending && data?.get("decision") === decision;
  return (
    <Button
      type="submit"
      name="decision"
      value={decision}
      size="sm"
      variant={decision === "approve" ? "primary" : "secondary"}
      aria-disabled={pending || undefined}
      aria-busy={mine || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
    >
      {mine ? <Spinner /> : null}
      {mine ? (decision === "approve" ? "Approving…" : "Rejecting…") : label}
      <span className="sr-only"> {subject}</span>
    </Button>
  );
}

/** Approve or reject a claim; the reason is required and kept in the audit log. */
export function ClaimDecisionForm({ claimId, subject, action }: Props) {
  const [state, formAction] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="claimId" value={claimId} />
      <Field label="Reason" name="reason" error={failure?.fieldErrors?.reason?.[0]} hint="Shown to the member if you reject; kept in the audit log either way.">
        <Textarea rows={2} maxLength={500} required />
      </Field>
      {failure && !failure.fieldErrors?.reason ? <Alert tone="error">{failure.error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <DecisionButton decision="approve" label="Approve" subject={subject} />
        <DecisionButton decision="reject" label="Reject" subject={subject} />
      </div>
    </form>
  );
}
