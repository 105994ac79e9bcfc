"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { refreshAnalyticsAction } from "@/lib/analytics/actions";

/** Rebuilds the rollups now instead of waiting for the nightly job (recorded in the audit log). */
export function RefreshForm({ action, label = "Refresh now" }: { action: typeof refreshAnalyticsAction; label?: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <SubmitButton variant="secondary" pendingLabel="Refreshing… (a large program takes a while)">
        {label}
      </SubmitButton>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
    </form>
  );
}
