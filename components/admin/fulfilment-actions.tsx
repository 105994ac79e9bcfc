"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { cancelFulfilmentAction, markFulfilledAction, markShippedAction } from "@/lib/rewards/operations-actions";

type Props = {
  redemptionId: string;
  kind: "product" | "service" | string;
  /** Names the item for screen readers, e.g. "Trail bottle for ana@example.com". */
  subject: string;
  actions: { ship: typeof markShippedAction; fulfil: typeof markFulfilledAction; cancel: typeof cancelFulfilmentAction };
};

function Failure({ state, field }: { state: { ok: false; error: string; fieldErrors?: Record<string, string[]> } | null; field?: string }) {
  if (!state || (field && state.fieldErrors?.[field])) return null;
  return <Alert tone="error">{state.error}</Alert>;
}

/** Ship (with tracking), fulfil, or cancel with a refund: each its own form, each refused if someone else acted first. */
export function FulfilmentActions({ redemptionId, kind, subject, actions }: Props) {
  const [shipped, ship] = useActionState(actions.ship, null);
  const [fulfilled, fulfil] = useActionState(actions.fulfil, null);
  const [cancelled, cancel] = useActionState(actions.cancel, null);
  if (shipped?.ok || fulfilled?.ok || cancelled?.ok) {
    return <Alert tone="success">{shipped?.ok ? "Marked shipped; the member was emailed." : fulfilled?.ok ? "Marked fulfilled." : "Cancelled; the points are back."}</Alert>;
  }
  const shipFailure = shipped && !shipped.ok ? shipped : null;
  const cancelFailure = cancelled && !cancelled.ok ? cancelled : null;
  return (
    <div className="space-y-4">
      {kind === "product" ? (
        <form action={ship} className="space-y-2" noValidate>
          <input type="hidden" name="redemptionId" value={redemptionId} />
          <Field label="Tracking number" name="trackingNumber" error={shipFailure?.fieldErrors?.trackingNumber?.[0]}>
            <Input autoComplete="off" spellCheck={false} maxLength={100} required />
          </Field>
          <Failure state={shipFailure} field="trackingNumber" />
          <SubmitButton size="sm" pendingLabel="Saving…">
            Mark shipped<span className="sr-only"> {subject}</span>
          </SubmitButton>
        </form>
      ) : null}
      <form action={fulfil}>
        <input type="hidden" name="redemptionId" value={redemptionId} />
        <Failure state={fulfilled && !fulfilled.ok ? fulfilled : null} />
        <SubmitButton size="sm" variant={kind === "product" ? "secondary" : "primary"} pendingLabel="Saving…">
          {kind === "product" ? "Mark fulfilled without tracking" : "Mark fulfilled"}
          <span className="sr-only"> {subject}</span>
        </SubmitButton>
      </form>
      <details className="rounded-lg border border-neutral-200 p-3">
        <summary className="cursor-pointer text-sm font-medium text-danger-700">Cancel and refund</summary>
        <form action={cancel} className="mt-3 space-y-2" noValidate>
          <input type="hidden" name="redemptionId" value={redemptionId} />
          <Field label="Reason" name="reason" error={cancelFailure?.fieldErrors?.reason?.[0]} hint="Kept in the audit log and the member's points history.">
            <Textarea rows={2} maxLength={500} required />
          </Field>
          <Failure state={cancelFailure} field="reason" />
          <SubmitButton size="sm" variant="danger" pendingLabel="Cancelling…">
            Cancel and refund<span className="sr-only"> {subject}</span>
          </SubmitButton>
        </form>
      </details>
    </div>
  );
}
