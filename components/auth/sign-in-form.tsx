"use client";

import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/ui/use-form-action";
import type { requestSignInLink } from "@/lib/auth/actions";

type Props = {
  action: typeof requestSignInLink;
  callbackUrl?: string;
  defaultEmail?: string;
  submitLabel?: string;
  /** Offer the optional referral code (the join form); a value opens it prefilled (from `?ref=`). */
  referralCode?: { defaultValue?: string };
};

export function SignInForm({ action, callbackUrl, defaultEmail, submitLabel = "Email me a sign-in link", referralCode }: Props) {
  // Keeps what was typed when the action refuses (React resets uncontrolled fields after an action).
  const { formAction, failure, typed } = useFormAction(action);
  const emailError = failure?.fieldErrors?.email?.[0];
  const codeError = failure?.fieldErrors?.referralCode?.[0];
  const code = typed?.referralCode ?? referralCode?.defaultValue ?? "";
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {failure && !emailError && !codeError ? <Alert tone="error">{failure.error}</Alert> : null}
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
          defaultValue={typed?.email ?? defaultEmail}
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
      {referralCode ? (
        <details open={!!code || !!codeError} className="group">
          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand-700 underline-offset-2 hover:underline sm:min-h-0">
            Have a referral code?
          </summary>
          <Field label="Referral code" name="referralCode" error={codeError} hint="Optional. From a friend who's a member; it counts when you join." className="mt-2">
            <Input defaultValue={code} autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={20} className="font-mono uppercase" />
          </Field>
        </details>
      ) : null}
      <SubmitButton className="w-full" pendingLabel="Sending link…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
