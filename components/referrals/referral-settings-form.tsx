"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { updateReferralSettingsAction } from "@/lib/referrals-ui/actions";
import type { ReferralSettings } from "@/lib/referrals/schemas";

type NumberKey = Exclude<keyof ReferralSettings, "touch" | "refereeReward">;
type NumberField = { name: NumberKey; label: string; hint: string; min: number; max?: number };

const FRIEND_FIELDS: NumberField[] = [
  { name: "refereeDiscountPercent", label: "Friend's discount (%)", hint: "With a discount: off their first paid membership, applied at Checkout.", min: 0, max: 100 },
  { name: "refereeBonusPoints", label: "Friend's bonus (points)", hint: "With bonus points: given at sign-up; a sign-up held for review gets them when approved.", min: 0, max: 100_000 },
];

const NUMBER_FIELDS: NumberField[] = [
  { name: "rewardPoints", label: "Referrer reward (points)", hint: "Given when the friend's first paid membership clears the hold period.", min: 0 },
  { name: "windowDays", label: "Attribution window (days)", hint: "How long after a click a sign-up still counts, 1–365.", min: 1, max: 365 },
  { name: "holdDays", label: "Hold period (days)", hint: "Points stay pending this long, so a refund can void them.", min: 0 },
  { name: "weeklyIpLimit", label: "Sign-ups per IP per week", hint: "More than this from one network goes to review.", min: 1 },
  { name: "burstPerHour", label: "Clicks per code per hour", hint: "A burst above this goes to review.", min: 1 },
];

/** The program's referral rules; every change needs a reason and is audited. */
export function ReferralSettingsForm({ values, action }: { values: ReferralSettings; action: typeof updateReferralSettingsAction }) {
  const [state, formAction] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  const errors = failure?.fieldErrors ?? {};
  const shown = new Set([...NUMBER_FIELDS.map((f) => f.name), ...FRIEND_FIELDS.map((f) => f.name), "refereeReward", "touch", "reason"]);
  const other = failure && !Object.keys(errors).some((key) => shown.has(key));
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <fieldset aria-describedby="referee-reward-hint" className="space-y-3">
        <legend className="text-sm font-medium text-neutral-900">What the invited friend gets</legend>
        <p id="referee-reward-hint" className="text-sm text-neutral-600">
          One or the other, never both. Shown on the pricing page, the members&apos; referral page and their share texts.
        </p>
        <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
          {(
            [
              ["discount", "A discount on their first paid membership"],
              ["points", "Bonus points at sign-up"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="inline-flex min-h-11 items-center gap-2 text-sm text-neutral-900">
              <input type="radio" name="refereeReward" value={value} defaultChecked={values.refereeReward === value} className="size-4 accent-brand-700" />
              {label}
            </label>
          ))}
        </div>
        {errors.refereeReward?.[0] ? <p className="mt-1 text-sm font-medium text-danger-700">{errors.refereeReward[0]}</p> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          {FRIEND_FIELDS.map((field) => (
            <NumberInput key={field.name} field={field} value={values[field.name]} error={errors[field.name]?.[0]} />
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        {NUMBER_FIELDS.map((field) => (
          <NumberInput key={field.name} field={field} value={values[field.name]} error={errors[field.name]?.[0]} />
        ))}
      </div>
      <fieldset aria-describedby="touch-hint">
        <legend className="text-sm font-medium text-neutral-900">Who gets the credit</legend>
        <p id="touch-hint" className="text-sm text-neutral-600">
          When a friend clicked more than one member&apos;s link inside the window.
        </p>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:gap-6">
          {(
            [
              ["first", "First link clicked"],
              ["last", "Last link clicked"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="inline-flex min-h-11 items-center gap-2 text-sm text-neutral-900">
              <input type="radio" name="touch" value={value} defaultChecked={values.touch === value} className="size-4 accent-brand-700" />
              {label}
            </label>
          ))}
        </div>
        {errors.touch?.[0] ? <p className="mt-1 text-sm font-medium text-danger-700">{errors.touch[0]}</p> : null}
      </fieldset>
      <Field label="Reason for the change" name="reason" hint="Required; kept in the audit log." error={errors.reason?.[0]}>
        <Textarea rows={2} maxLength={500} required />
      </Field>
      {state?.ok ? <Alert tone="success">Referral settings saved.</Alert> : null}
      {failure && (other || failure.code !== "invalid_input") ? <Alert tone="error">{failure.error}</Alert> : null}
      <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
    </form>
  );
}

function NumberInput({ field, value, error }: { field: NumberField; value: number; error?: string }) {
  return (
    <Field label={field.label} name={field.name} hint={field.hint} error={error}>
      <Input type="number" inputMode="numeric" step={1} min={field.min} max={field.max} defaultValue={value} required />
    </Field>
  );
}
