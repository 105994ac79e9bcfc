"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import type { decideReferralAction } from "@/lib/referrals-ui/actions";

type Decision = "approve" | "reject";

/** One of the two submit buttons: only the one clicked shows that it is working, both refuse a second click. */
function DecisionButton({ decision, subject }: { decision: Decision; subject: string }) {
  const { pending, data } = useFormStatus();
  const value = decision === "approve" ? "true" : "false";
  const mine = pending && data?.get("approve") === value;
  return (
    <Button
      type="submit"
      name="approve"
      value={value}
      size="sm"
      variant={decision === "approve" ? "primary" : "secondary"}
      aria-disabled={pending || undefined}
      aria-busy={mine || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
    >
      {mine ? <Spinner /> : null}
      {mine ? (decision === "approve" ? "Approving…" : "Rejecting…") : decision === "approve" ? "Approve" : "Reject"}
      <span className="sr-only"> {subject}</span>
    </Button>
  );
}

/** Approve or reject a flagged referral; the reason is required and kept in the audit log. */
export function ReferralDecisionForm({ referralId, subject, action }: { referralId: string; subject: string; action: typeof decideReferralAction }) {
  const [state, formAction] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  if (state?.ok) return <Alert tone="success">Decision saved.</Alert>;
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="id" value={referralId} />
      <Field label="Reason" name="reason" error={failure?.fieldErrors?.reason?.[0]} hint="Kept in the audit log.">
        <Textarea rows={2} maxLength={500} required />
      </Field>
      {failure && !failure.fieldErrors?.reason ? <Alert tone="error">{failure.error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <DecisionButton decision="approve" subject={subject} />
        <DecisionButton decision="reject" subject={subject} />
      </div>
    </form>
  );
}
