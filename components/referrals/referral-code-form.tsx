"use client";

import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/ui/use-form-action";
import type { applyReferralCodeAction } from "@/lib/referrals-ui/actions";

/**
 * "Have a referral code?" on the pricing page, for a signed-in member with no referral yet. On
 * success the page re-renders with the invitation banner and this form is gone.
 */
export function ReferralCodeForm({ action, prefill, className }: { action: typeof applyReferralCodeAction; prefill?: string; className?: string }) {
  const { formAction, failure, typed } = useFormAction(action);
  const codeError = failure?.fieldErrors?.code?.[0];
  const value = typed?.code ?? prefill ?? "";
  return (
    <details open={!!value || !!codeError} className={className}>
      <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand-700 underline-offset-2 hover:underline sm:min-h-0">
        Have a referral code?
      </summary>
      <form action={formAction} className="mt-3 flex max-w-md flex-col gap-3 sm:flex-row sm:items-start" noValidate>
        <Field label="Referral code" name="code" error={codeError} hint="From a friend who's a member. Enter it before you pick a plan." className="flex-1">
          <Input defaultValue={value} autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={20} required className="font-mono uppercase" />
        </Field>
        <SubmitButton variant="secondary" pendingLabel="Checking…" className="sm:mt-7">
          Use code
        </SubmitButton>
      </form>
      {failure && !codeError ? (
        <Alert tone="error" className="mt-3">
          {failure.error}
        </Alert>
      ) : null}
    </details>
  );
}
