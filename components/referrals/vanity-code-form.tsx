"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { setVanityCodeAction } from "@/lib/referrals-ui/actions";

/** Choose a memorable code once; the generated one keeps working. */
export function VanityCodeForm({ action }: { action: typeof setVanityCodeAction }) {
  const [state, formAction] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  if (state?.ok) {
    return <Alert tone="success">Your link now uses {state.data.code}. Share it anywhere — your old link keeps working too.</Alert>;
  }
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <Field
        label="Your code"
        name="code"
        error={failure?.fieldErrors?.code?.[0]}
        hint="3–20 letters, digits or dashes, e.g. ALEX-HIKES. You can choose it only once."
      >
        <Input autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={20} required className="font-mono uppercase" />
      </Field>
      {failure && !failure.fieldErrors?.code ? <Alert tone="error">{failure.error}</Alert> : null}
      <SubmitButton pendingLabel="Saving…">Save my code</SubmitButton>
    </form>
  );
}
