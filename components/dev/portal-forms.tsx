"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ButtonVariant } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";

type Action = (state: ActionResult<{ done: string }> | null, form: FormData) => Promise<ActionResult<{ done: string }>>;

function Outcome({ state }: { state: ActionResult<{ done: string }> | null }) {
  if (!state) return null;
  return state.ok ? (
    <Alert tone="success" className="mt-3">
      {state.data.done}
    </Alert>
  ) : (
    <Alert tone="error" className="mt-3">
      {state.error}
    </Alert>
  );
}

export function PortalSubscriptionButton({ action, portalId, subscriptionId, label, pendingLabel, variant }: { action: Action; portalId: string; subscriptionId: string; label: string; pendingLabel: string; variant: ButtonVariant }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="portalId" value={portalId} />
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      <Outcome state={state} />
    </form>
  );
}

export function PortalCardForm({ action, portalId }: { action: Action; portalId: string }) {
  const [state, formAction] = useActionState(action, null);
  const error = state && !state.ok ? state.fieldErrors?.cardNumber?.[0] : undefined;
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="portalId" value={portalId} />
      <Field label="New card number" name="cardNumber" error={error} hint="Test cards: 4242 4242 4242 4242 pays; 4000 0000 0000 0341 fails at the next renewal.">
        <Input inputMode="numeric" autoComplete="cc-number" />
      </Field>
      <SubmitButton variant="secondary" pendingLabel="Saving card…">
        Update card
      </SubmitButton>
      {error ? null : <Outcome state={state} />}
    </form>
  );
}
