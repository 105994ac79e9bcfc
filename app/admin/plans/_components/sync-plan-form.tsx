"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { syncPlanAction } from "@/lib/billing/admin-actions";

type Props = { planId: string; action: typeof syncPlanAction };

/** "Sync to Stripe" for one plan: the retry after a failed sync, safe to repeat. */
export function SyncPlanForm({ planId, action }: Props) {
  const [state, formAction] = useActionState(action, null);
  const outcome = state?.ok ? state.data : null;
  return (
    <div className="space-y-3">
      <form action={formAction}>
        <input type="hidden" name="id" value={planId} />
        <SubmitButton variant="secondary" size="sm" pendingLabel="Syncing…">
          Sync to Stripe
        </SubmitButton>
      </form>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {outcome?.action === "failed" ? (
        <Alert tone="error" title="Stripe sync failed">
          {outcome.error}
        </Alert>
      ) : outcome ? (
        <Alert tone="success">
          {outcome.action === "created" ? "A new Stripe price was created: " : "Stripe already matched: "}
          <code className="break-all">{outcome.priceId}</code>
        </Alert>
      ) : null}
    </div>
  );
}
