"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { controlClasses } from "@/components/ui/input";
import type { setBirthdayAction } from "@/lib/earning/birthday-actions";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function BirthdayForm({ action, points }: { action: typeof setBirthdayAction; points: number }) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) {
    return (
      <Alert tone="success">
        {state.data.awardedPoints > 0 ? `Happy birthday! ${state.data.awardedPoints} points are in your account.` : `Saved. You'll get ${points} points on your birthday every year.`}
      </Alert>
    );
  }
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-3" noValidate>
      {state && !state.ok && !state.fieldErrors ? <Alert tone="error">{state.error}</Alert> : null}
      <div className="grid grid-cols-2 gap-3">
        <Field label="Month" name="month" error={errors.month?.[0]}>
          <select className={controlClasses} defaultValue="">
            <option value="" disabled>
              Month
            </option>
            {MONTHS.map((m, i) => (
              <option key={m} value={i + 1}>
                {m}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Day" name="day" error={errors.day?.[0]}>
          <select className={controlClasses} defaultValue="">
            <option value="" disabled>
              Day
            </option>
            {Array.from({ length: 31 }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <p className="text-sm text-neutral-600">You can set it once. We don&apos;t ask for the year.</p>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save my birthday
      </SubmitButton>
    </form>
  );
}
