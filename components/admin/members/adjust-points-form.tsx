"use client";

import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { controlClasses, Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { useFormAction } from "@/components/ui/use-form-action";
import type { adjustPointsAction } from "@/lib/admin/members/actions";
import { ADJUSTMENT_REASON_LABELS, ADJUSTMENT_REASONS, adjustmentMemo } from "@/lib/admin/members/schemas";
import { formatPoints } from "@/lib/format";

type Props = {
  customerId: string;
  available: number;
  programName: string;
  /**
   * A fresh id from the server for each render of the profile: a double submit or a retry of the
   * same submission posts once. After a saved adjustment the page re-renders with a new one.
   */
  idempotencyKey: string;
  action: typeof adjustPointsAction;
};

/** Add or take away points with a reason code and a note the member reads in their history. */
export function AdjustPointsForm({ customerId, available, programName, idempotencyKey, action }: Props) {
  const { formAction, failure, saved, typed } = useFormAction(action);
  const errorOf = (field: string) => failure?.fieldErrors?.[field]?.[0];
  const fieldKeys = ["points", "reasonCode", "note"];
  const other = failure && !fieldKeys.some((key) => failure.fieldErrors?.[key]);
  return (
    <form action={formAction} className="space-y-4" aria-label="Adjust points" noValidate>
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {saved ? (
        <Alert tone="success" title={saved.created ? "Points adjusted" : "Already recorded"}>
          {saved.created
            ? `${saved.points > 0 ? "+" : "−"}${formatPoints(Math.abs(saved.points))} posted. ${formatPoints(saved.available)} now available.`
            : "This adjustment was already posted once; nothing more was changed."}
        </Alert>
      ) : null}
      {other ? <Alert tone="error">{failure.error}</Alert> : null}
      <Field
        label="Points"
        name="points"
        error={errorOf("points")}
        hint={`Whole points; a minus sign takes points away (e.g. -120). ${formatPoints(available)} available now.`}
      >
        <Input type="number" inputMode="numeric" step={1} defaultValue={typed?.points ?? ""} required />
      </Field>
      <Field label="Reason" name="reasonCode" error={errorOf("reasonCode")}>
        <select defaultValue={typed?.reasonCode ?? ""} required className={cn(controlClasses, "h-11 sm:h-10")}>
          <option value="" disabled>
            Choose a reason…
          </option>
          {ADJUSTMENT_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {ADJUSTMENT_REASON_LABELS[reason]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Note for the member" name="note" error={errorOf("note")} hint={`They read it in their points history as “${adjustmentMemo("your note", programName)}”.`}>
        <Textarea rows={2} maxLength={200} defaultValue={typed?.note ?? ""} required />
      </Field>
      <SubmitButton pendingLabel="Posting…">Post adjustment</SubmitButton>
    </form>
  );
}
