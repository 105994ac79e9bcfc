"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { advanceClockAction } from "@/lib/billing/dev-actions";

const STEPS = [
  { label: "+1 day", days: 1, months: 0 },
  { label: "+7 days", days: 7, months: 0 },
  { label: "+1 month", days: 0, months: 1 },
  { label: "+1 year", days: 0, months: 12 },
];

export function ClockForm({ action }: { action: typeof advanceClockAction }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <div>
      <div className="flex flex-wrap gap-2">
        {STEPS.map((step) => (
          <form key={step.label} action={formAction}>
            <input type="hidden" name="days" value={step.days} />
            <input type="hidden" name="months" value={step.months} />
            <SubmitButton variant="secondary" pendingLabel="Advancing…" aria-label={`Advance the clock ${step.label.slice(1)}`}>
              {step.label}
            </SubmitButton>
          </form>
        ))}
      </div>
      {state ? (
        <Alert tone={state.ok ? "success" : "error"} className="mt-3">
          {state.ok ? `Clock moved. Stripe emitted ${state.data.events} events; all delivered.` : state.error}
        </Alert>
      ) : null}
    </div>
  );
}
