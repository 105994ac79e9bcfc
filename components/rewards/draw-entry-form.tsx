"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDateTime } from "@/lib/format";
import { enterDrawAction } from "@/lib/rewards/draw-actions";

/**
 * Enter a draw-mode session's fair draw: free to enter, one entry per member; winners are charged
 * and booked when the draw runs after `closesAt`, and everyone is emailed their result.
 */
export function DrawEntryForm({ sessionId, entered, closesAt }: { sessionId: string; entered: boolean; closesAt: Date }) {
  const [state, formAction] = useActionState(enterDrawAction, null);
  const closes = formatDateTime(closesAt);
  if (entered || state?.ok) {
    return (
      <Alert tone="success" title="You're in the draw">
        Entries close {closes}. If you&apos;re drawn, the points are taken then and your ticket is emailed to you; otherwise nothing is
        charged. Keep enough points in your balance until the draw.
      </Alert>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="sessionId" value={sessionId} />
      <p className="text-sm text-neutral-700">
        Places are given by a fair draw when entries close ({closes}). Entering is free; if you&apos;re drawn, the points are taken then.
      </p>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <SubmitButton pendingLabel="Entering…">Enter the draw</SubmitButton>
    </form>
  );
}
