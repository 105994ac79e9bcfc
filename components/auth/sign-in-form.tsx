"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SubmitButton } from "@/components/ui/submit-button";
import type { requestSignInLink } from "@/lib/auth/actions";

type Props = {
  action: typeof requestSignInLink;
  callbackUrl?: string;
  defaultEmail?: string;
  submitLabel?: string;
};

export function SignInForm({ action, callbackUrl, defaultEmail, submitLabel = "Email me a sign-in link" }: Props) {
  const [state, formAction] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  const emailError = failure?.fieldErrors?.email?.[0];
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {failure && !emailError ? <Alert tone="error">{failure.error}</Alert> : null}
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <div className="space-y-1.5">
        <Label htmlFor="email">Email</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          defaultValue={defaultEmail}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "email-error" : "email-hint"}
        />
        {emailError ? (
          <p id="email-error" className="text-sm text-red-700">
            {emailError}
          </p>
        ) : (
          <p id="email-hint" className="text-sm text-gray-600">
            We&apos;ll email you a link that signs you in. No password needed.
          </p>
        )}
      </div>
      <SubmitButton className="w-full" pendingLabel="Sending link…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
