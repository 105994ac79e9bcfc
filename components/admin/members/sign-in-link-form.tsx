"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { sendSignInLinkAction } from "@/lib/admin/members/actions";

/** Email the member a fresh sign-in link; the sign-in page's rate limits apply and are explained. */
export function SignInLinkForm({ userId, email, action }: { userId: string; email: string; action: typeof sendSignInLinkAction }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      {state?.ok ? <Alert tone="success">A sign-in link is on its way to {state.data.email}. It works once, within 15 minutes.</Alert> : null}
      {state && !state.ok ? <Alert tone={state.code === "rate_limited" ? "warning" : "error"}>{state.error}</Alert> : null}
      <SubmitButton variant="secondary" pendingLabel="Sending…">
        Email a sign-in link<span className="sr-only"> to {email}</span>
      </SubmitButton>
    </form>
  );
}
