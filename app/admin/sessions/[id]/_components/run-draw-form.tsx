"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { runDrawAction } from "@/lib/rewards/draw-actions";

/** Runs the session's draw; a second click (or the daily job) finds it drawn and changes nothing. */
export function RunDrawForm({ sessionId, action }: { sessionId: string; action: typeof runDrawAction }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="sessionId" value={sessionId} />
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok ? (
        <Alert tone="success">{state.data.status === "drawn" ? `Drawn: ${state.data.won} of ${state.data.entries} entrants won a place.` : "This draw had already run."}</Alert>
      ) : null}
      <SubmitButton pendingLabel="Drawing…">Run the draw</SubmitButton>
    </form>
  );
}
