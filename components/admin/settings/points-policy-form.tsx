"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { useFormAction } from "@/components/ui/use-form-action";
import { pointValueLabel } from "@/lib/brand/point-value";
import type { PointsPolicy } from "@/lib/ledger/policy";
import type { updatePointsPolicyAction } from "@/lib/settings-admin/actions";
import { MAX_EXPIRY_MONTHS, MAX_POINT_VALUE_CENTS } from "@/lib/settings-admin/schemas";
import { FormOutcome } from "./form-outcome";

type Props = { policy: PointsPolicy; currency: string; action: typeof updatePointsPolicyAction };

/** When points expire and what one point is worth. */
export function PointsPolicyForm({ policy, currency, action }: Props) {
  const { formAction, failure, saved, typed } = useFormAction(action);
  const errorOf = (field: string) => failure?.fieldErrors?.[field]?.[0];
  const expires = typed?.expires ?? (policy.expiryMonths === null ? "never" : "months");
  const value = saved?.policy ?? policy;

  return (
    <form action={formAction} className="space-y-8" noValidate>
      <FormOutcome failure={failure} saved={saved} shownFields={["expires", "expiryMonths", "pointValueCents", "reason"]} noun="Policy" />

      <fieldset className="space-y-3" aria-describedby="expiry-hint">
        <legend className="text-base font-semibold text-neutral-900">Expiry</legend>
        <p id="expiry-hint" className="text-sm text-neutral-600">
          Applies to points earned from now on. Points already earned keep the expiry date they were given; members are reminded 30 and 7 days before.
        </p>
        <div className="flex flex-col gap-2">
          <label className="inline-flex min-h-11 items-center gap-2 text-sm text-neutral-900">
            <input type="radio" name="expires" value="never" defaultChecked={expires === "never"} className="size-4 accent-brand-700" />
            Points never expire
          </label>
          <label className="inline-flex min-h-11 items-center gap-2 text-sm text-neutral-900">
            <input type="radio" name="expires" value="months" defaultChecked={expires === "months"} className="size-4 accent-brand-700" />
            Points expire a number of months after they are earned
          </label>
        </div>
        {errorOf("expires") ? <p className="text-sm font-medium text-danger-700">{errorOf("expires")}</p> : null}
        <Field
          label="Months until points expire"
          name="expiryMonths"
          error={errorOf("expiryMonths")}
          hint={`1 to ${MAX_EXPIRY_MONTHS}. Ignored when points never expire.`}
          className="max-w-xs"
        >
          <Input type="number" min={1} max={MAX_EXPIRY_MONTHS} step={1} inputMode="numeric" defaultValue={typed?.expiryMonths ?? String(policy.expiryMonths ?? 12)} />
        </Field>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-base font-semibold text-neutral-900">Point value</legend>
        <Field
          label="Value of one point (cents)"
          name="pointValueCents"
          error={errorOf("pointValueCents")}
          hint={`Whole cents, 0 to ${MAX_POINT_VALUE_CENTS}: 1 means 100 points are worth ${pointValueLabel(1, currency)?.split(" = ")[1]}. 0 means points have no cash value. Members see it beside their balance and in expiry reminders.`}
          className="max-w-xs"
        >
          <Input type="number" min={0} max={MAX_POINT_VALUE_CENTS} step={1} inputMode="numeric" defaultValue={typed?.pointValueCents ?? String(policy.pointValueCents)} required />
        </Field>
        <p className="text-sm text-neutral-600">Now: {pointValueLabel(value.pointValueCents, currency) ?? "points have no cash value"}.</p>
      </fieldset>

      <Field label="Reason for the change" name="reason" error={errorOf("reason")} hint="Required. Kept in the audit log with your name and the before and after values.">
        <Textarea defaultValue={typed?.reason ?? ""} rows={2} maxLength={500} required />
      </Field>

      <SubmitButton pendingLabel="Saving…" className="w-full sm:w-auto">
        Save policy
      </SubmitButton>
    </form>
  );
}
