"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { controlClasses, Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { useFormAction } from "@/components/ui/use-form-action";
import type { grantCompMembershipAction, revokeCompMembershipAction } from "@/lib/admin/members/actions";
import { formatDate } from "@/lib/format";

type GrantProps = {
  userId: string;
  plans: { id: string; name: string }[];
  /** The live complimentary membership, if any: the form then changes its plan or last day. */
  current: { planId: string; lastDay: string } | null;
  action: typeof grantCompMembershipAction;
};

const MESSAGES = { granted: "Complimentary membership granted.", changed: "Complimentary membership changed.", unchanged: "Nothing to change: that is already the plan and last day." };

/** Give a paid plan until a date (Ghost's "comp"), or change the one the member has. */
export function GrantCompForm({ userId, plans, current, action }: GrantProps) {
  const { formAction, failure, saved, typed } = useFormAction(action);
  const errorOf = (field: string) => failure?.fieldErrors?.[field]?.[0];
  const other = failure && !["planId", "until", "reason"].some((key) => failure.fieldErrors?.[key]);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="userId" value={userId} />
      {saved ? (
        <Alert tone="success">
          {MESSAGES[saved.change]}
          {saved.until ? ` It lasts through ${formatDate(new Date(saved.until))}.` : ""}
        </Alert>
      ) : null}
      {other ? <Alert tone="error">{failure.error}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Plan" name="planId" error={errorOf("planId")}>
          <select defaultValue={typed?.planId ?? current?.planId ?? plans[0]?.id ?? ""} className={cn(controlClasses, "h-11 sm:h-10")}>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Last day" name="until" error={errorOf("until")} hint="Benefits last through the end of this day (UTC).">
          <Input type="date" defaultValue={typed?.until ?? current?.lastDay ?? ""} required />
        </Field>
      </div>
      <Field label="Reason" name="reason" error={errorOf("reason")} hint="Required; kept in the audit log.">
        <Textarea rows={2} maxLength={500} defaultValue={typed?.reason ?? ""} required />
      </Field>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        {current ? "Change complimentary membership" : "Grant complimentary membership"}
      </SubmitButton>
    </form>
  );
}

/** End a complimentary membership now, with the reason for the audit log. */
export function RevokeCompForm({ membershipId, planName, action }: { membershipId: string; planName: string; action: typeof revokeCompMembershipAction }) {
  const [state, formAction] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  const reasonError = failure?.fieldErrors?.reason?.[0];
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="membershipId" value={membershipId} />
      {state?.ok ? <Alert tone="success">The complimentary membership has ended.</Alert> : null}
      {failure && !reasonError ? <Alert tone="error">{failure.error}</Alert> : null}
      <Field label="Reason for ending it" name="reason" error={reasonError} hint="Required; kept in the audit log. Benefits stop at once.">
        <Textarea rows={2} maxLength={500} required />
      </Field>
      <SubmitButton variant="danger" size="sm" pendingLabel="Ending…">
        End complimentary {planName} now
      </SubmitButton>
    </form>
  );
}
