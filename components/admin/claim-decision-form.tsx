"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { DecisionButton } from "./decision-button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import type { decideClaimAction } from "@/lib/earning/claim-actions";

/** `subject` names the claim for screen readers, e.g. "review by ana@example.com", so each button is distinct. */
type Props = { claimId: string; subject: string; action: typeof decideClaimAction };

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
        <DecisionButton name="decision" value="approve" approve subject={subject} />
        <DecisionButton name="decision" value="reject" approve={false} subject={subject} />
      </div>
    </form>
  );
}
