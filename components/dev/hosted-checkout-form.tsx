"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { payHostedCheckoutAction } from "@/lib/billing/dev-actions";

export function HostedCheckoutForm({ action, sessionId, payLabel, allowPromotionCodes }: { action: typeof payHostedCheckoutAction; sessionId: string; payLabel: string; allowPromotionCodes: boolean }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="sessionId" value={sessionId} />
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <Field label="Card number" name="cardNumber" error={errors.cardNumber?.[0]} hint="Test cards: 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined; 4000 0000 0000 0341 pays now but fails at renewal.">
        <Input inputMode="numeric" autoComplete="cc-number" placeholder="1234 1234 1234 1234" />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Expiry" name="expiry" error={errors.expiry?.[0]}>
          <Input inputMode="numeric" autoComplete="cc-exp" placeholder="MM / YY" defaultValue="12 / 34" />
        </Field>
        <Field label="CVC" name="cvc" error={errors.cvc?.[0]}>
          <Input inputMode="numeric" autoComplete="cc-csc" placeholder="123" defaultValue="123" />
        </Field>
      </div>
      <Field label="Name on card" name="name">
        <Input autoComplete="cc-name" />
      </Field>
      {allowPromotionCodes ? (
        <Field label="Promotion code" name="promotionCode" error={errors.promotionCode?.[0]}>
          <Input autoComplete="off" />
        </Field>
      ) : null}
      <SubmitButton size="lg" className="w-full" pendingLabel="Processing…">
        {payLabel}
      </SubmitButton>
    </form>
  );
}
