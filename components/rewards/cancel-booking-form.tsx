"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { cancelBookingAction } from "@/lib/rewards/actions";

/** Cancels a booking before its cut-off; the page re-renders as cancelled, with the points back. */
export function CancelBookingForm({ action, redemptionId }: { action: typeof cancelBookingAction; redemptionId: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="redemptionId" value={redemptionId} />
      <SubmitButton variant="danger" pendingLabel="Cancelling…">
        Cancel booking
      </SubmitButton>
      {state && !state.ok ? (
        <Alert tone="error" className="mt-3">
          {state.error}
        </Alert>
      ) : null}
    </form>
  );
}
