"use client";

import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { controlClasses, Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { useFormAction } from "@/components/ui/use-form-action";
import type { setManualFloorAction } from "@/lib/tiers/actions";

type Props = {
  customerId: string;
  tiers: { id: string; name: string }[];
  /** The floor in force (or last set), to start the form from. */
  current: { tierId: string; untilDay: string } | null;
  action: typeof setManualFloorAction;
};

/**
 * Keep a member at (at least) a tier until a date, or clear the floor. The tier service audits it
 * and recomputes the tier at once; the qualified tier still applies when it is higher.
 */
export function TierFloorForm({ customerId, tiers, current, action }: Props) {
  const { formAction, failure, saved, typed } = useFormAction(action);
  const errorOf = (field: string) => failure?.fieldErrors?.[field]?.[0];
  const other = failure && !["tierId", "until", "reason"].some((key) => failure.fieldErrors?.[key]);
  const name = (id: string) => tiers.find((t) => t.id === id)?.name ?? id;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="customerId" value={customerId} />
      {saved ? (
        <Alert tone="success">{saved.change ? `Tier floor saved: the member moved from ${name(saved.change.from)} to ${name(saved.change.to)}.` : "Tier floor saved."}</Alert>
      ) : null}
      {other ? <Alert tone="error">{failure.error}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Floor" name="tierId" error={errorOf("tierId")}>
          <select defaultValue={typed?.tierId ?? current?.tierId ?? ""} className={cn(controlClasses, "h-11 sm:h-10")}>
            <option value="">No floor (clear it)</option>
            {tiers.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Until" name="until" error={errorOf("until")} hint="The floor ends at the start of this day (00:00 UTC).">
          <Input type="date" defaultValue={typed?.until ?? current?.untilDay ?? ""} />
        </Field>
      </div>
      <Field label="Reason" name="reason" error={errorOf("reason")} hint="Required; kept in the audit log.">
        <Textarea rows={2} maxLength={500} defaultValue={typed?.reason ?? ""} required />
      </Field>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save tier floor
      </SubmitButton>
    </form>
  );
}
