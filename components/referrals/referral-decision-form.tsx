"use client";

import { useActionState } from "react";
import { DecisionButton } from "@/components/admin/decision-button";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import type { decideReferralAction } from "@/lib/referrals-ui/actions";

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
        <DecisionButton name="approve" value="true" approve subject={subject} />
        <DecisionButton name="approve" value="false" approve={false} subject={subject} />
      </div>
    </form>
  );
}
