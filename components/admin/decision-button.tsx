"use client";

import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

/**
 * One of a review form's two submit buttons (approve / reject): only the one clicked shows that it
 * is working, and both refuse a second click. `subject` names the item for screen readers, so each
 * row's buttons are distinct ("Approve review by ana@example.com").
 */
export function DecisionButton({ name, value, approve, subject }: { name: string; value: string; approve: boolean; subject: string }) {
  const { pending, data } = useFormStatus();
  const mine = pending && data?.get(name) === value;
  return (
    <Button
      type="submit"
      name={name}
      value={value}
      size="sm"
      variant={approve ? "primary" : "secondary"}
      aria-disabled={pending || undefined}
      aria-busy={mine || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
    >
      {mine ? <Spinner /> : null}
      {mine ? (approve ? "Approving…" : "Rejecting…") : approve ? "Approve" : "Reject"}
      <span className="sr-only"> {subject}</span>
    </Button>
  );
}
