"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import type { syncPlansAction } from "@/lib/billing/admin-actions";

type Props = { action: typeof syncPlansAction };

/** "Sync all plans to Stripe", with what happened to each paid plan. */
export function SyncPlansForm({ action }: Props) {
  const [state, formAction] = useActionState(action, null);
  const outcomes = state?.ok ? state.data : null;
  const failed = outcomes?.filter((o) => o.action === "failed").length ?? 0;
  return (
    <div className="space-y-4">
      <form action={formAction}>
        <SubmitButton variant="secondary" pendingLabel="Syncing…" className="w-full sm:w-auto">
          Sync all plans to Stripe
        </SubmitButton>
      </form>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {outcomes ? (
        <Alert tone={failed ? "warning" : "success"} title={failed ? `Synced, but ${failed} ${failed === 1 ? "plan" : "plans"} failed` : "Stripe matches every paid plan"}>
          {outcomes.length === 0 ? (
            <p>There are no paid plans to sync.</p>
          ) : (
            <ul className="mt-1 space-y-1.5">
              {outcomes.map((o) => (
                <li key={o.planId} className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{o.name}</span>
                  <Badge tone={o.action === "failed" ? "danger" : o.action === "created" ? "brand" : "neutral"}>
                    {o.action === "created" ? "new price created" : o.action}
                  </Badge>
                  {o.action === "failed" ? <span>{o.error}</span> : <code className="text-xs break-all">{o.priceId}</code>}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      ) : null}
    </div>
  );
}
