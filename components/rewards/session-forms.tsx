"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/actions/result";
import type { acceptOfferAction, joinWaitlistAction, leaveWaitlistAction, redeemRewardAction } from "@/lib/rewards/actions";

/**
 * The buttons of one session: book, join or leave its waitlist, accept a held seat. Each posts to its
 * server action, which decides everything again; a refusal is shown in words under the button.
 * `describedBy` points at the session's date, so "Book" is announced with the session it books.
 */

function Failure<T>({ state }: { state: ActionResult<T> | null }) {
  return state && !state.ok ? (
    <Alert tone="error" className="mt-2">
      {/* The only field a button's form can get wrong is its hidden request key: say what to do. */}
      {state.fieldErrors?.requestKey?.[0] ?? state.error}
    </Alert>
  ) : null;
}

/** `requestKey`: fresh on every render of the page, so the same form sent twice books once (lib/rewards/redeem.ts). */
export function BookForm({ action, rewardId, sessionId, requestKey, describedBy }: { action: typeof redeemRewardAction; rewardId: string; sessionId: string; requestKey: string; describedBy: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="rewardId" value={rewardId} />
      <input type="hidden" name="sessionId" value={sessionId} />
      <input type="hidden" name="requestKey" value={requestKey} />
      <SubmitButton className="w-full sm:w-auto" pendingLabel="Booking…" aria-describedby={describedBy}>
        Book
      </SubmitButton>
      {state?.ok && state.data.status === "full" ? (
        <Alert tone="warning" className="mt-2">
          This session just filled up. Nothing was charged: you can join its waitlist.
        </Alert>
      ) : null}
      <Failure state={state} />
    </form>
  );
}

export function JoinWaitlistForm({ action, sessionId, describedBy }: { action: typeof joinWaitlistAction; sessionId: string; describedBy: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="sessionId" value={sessionId} />
      <SubmitButton variant="secondary" className="w-full sm:w-auto" pendingLabel="Joining…" aria-describedby={describedBy}>
        Join the waitlist
      </SubmitButton>
      <Failure state={state} />
    </form>
  );
}

export function LeaveWaitlistForm({ action, entryId, label }: { action: typeof leaveWaitlistAction; entryId: number; label: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="entryId" value={entryId} />
      <SubmitButton variant="ghost" size="sm" pendingLabel="Leaving…">
        {label}
      </SubmitButton>
      <Failure state={state} />
    </form>
  );
}

export function AcceptOfferForm({ action, entryId, describedBy }: { action: typeof acceptOfferAction; entryId: number; describedBy: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="entryId" value={entryId} />
      <SubmitButton className="w-full sm:w-auto" pendingLabel="Booking your seat…" aria-describedby={describedBy}>
        Accept the seat
      </SubmitButton>
      <Failure state={state} />
    </form>
  );
}
