"use client";

import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { useFormAction } from "@/components/ui/use-form-action";
import type { updateHoldoutAction } from "@/lib/analytics/actions";
import { MAX_HOLDOUT_PERCENT, type HoldoutSettings } from "@/lib/analytics/schemas";

/** The holdout's share of new customers; every change needs a reason and is audited. */
export function HoldoutForm({ values, action }: { values: HoldoutSettings; action: typeof updateHoldoutAction }) {
  const { formAction, failure, saved, typed } = useFormAction(action);
  const errors = failure?.fieldErrors ?? {};
  const shown = failure && !Object.keys(errors).some((key) => key === "sharePercent" || key === "reason");
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <Field
        label="Share of new customers held out (%)"
        name="sharePercent"
        hint={`0 switches the holdout off; at most ${MAX_HOLDOUT_PERCENT}. Only customers created from now on are drawn; nobody changes group.`}
        error={errors.sharePercent?.[0]}
      >
        <Input type="number" inputMode="numeric" step={1} min={0} max={MAX_HOLDOUT_PERCENT} defaultValue={typed?.sharePercent ?? values.sharePercent} required className="max-w-40" />
      </Field>
      <Field label="Reason for the change" name="reason" hint="Required; kept in the audit log." error={errors.reason?.[0]}>
        <Textarea rows={2} maxLength={500} required defaultValue={typed?.reason ?? ""} />
      </Field>
      {saved ? <Alert tone="success">{saved.sharePercent > 0 ? `Holdout saved: ${saved.sharePercent}% of new customers go to the control group.` : "Holdout switched off."}</Alert> : null}
      {failure && (shown || failure.code !== "invalid_input") ? <Alert tone="error">{failure.error}</Alert> : null}
      <SubmitButton pendingLabel="Saving…">Save holdout</SubmitButton>
    </form>
  );
}
