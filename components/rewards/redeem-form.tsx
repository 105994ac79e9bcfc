"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/actions/result";
import type { RedeemOutcome, redeemRewardAction } from "@/lib/rewards/actions";
import { RewardCode } from "./reward-code";

type Props = {
  action: typeof redeemRewardAction;
  rewardId: string;
  /** Fresh on every render of the page: the same form sent twice redeems once (lib/rewards/redeem.ts). */
  requestKey: string;
  kind: "discount" | "product" | "service" | "donation";
  cost: number;
};

const ADDRESS_FIELDS = [
  { name: "name", label: "Full name", autoComplete: "name", maxLength: 100, required: true },
  { name: "line1", label: "Address line 1", autoComplete: "address-line1", maxLength: 120, required: true },
  { name: "line2", label: "Address line 2 (optional)", autoComplete: "address-line2", maxLength: 120, required: false },
  { name: "city", label: "Town or city", autoComplete: "address-level2", maxLength: 80, required: true },
  { name: "postcode", label: "Postcode", autoComplete: "postal-code", maxLength: 12, required: true },
  { name: "country", label: "Country", autoComplete: "country-name", maxLength: 56, required: true },
] as const;

function Success({ outcome }: { outcome: Extract<RedeemOutcome, { status: "redeemed" }> }) {
  if (outcome.code) {
    return (
      <Alert tone="success" title="Redeemed! Here's your code">
        <div className="mt-2 space-y-2">
          <RewardCode code={outcome.code} />
          <p>
            Enter it at checkout. It&apos;s also in your email and on <Link href="/redemptions">your redemptions</Link>.
          </p>
        </div>
      </Alert>
    );
  }
  const text =
    outcome.kind === "product"
      ? "We'll ship it to the address you gave and email you the tracking number."
      : outcome.kind === "donation"
        ? "Thank you: your points go to the cause."
        : "We've emailed you the details.";
  return (
    <Alert tone="success" title="Redeemed!">
      {text} <Link href={`/redemptions/${outcome.redemptionId}`}>See your redemption</Link>.
    </Alert>
  );
}

/** Redeem a discount, product, service or donation; products ask for a shipping address. */
export function RedeemForm({ action, rewardId, requestKey, kind, cost }: Props) {
  const [state, formAction] = useActionState<ActionResult<RedeemOutcome> | null, FormData>(action, null);
  const failure = state && !state.ok ? state : null;
  const label = `Redeem for ${cost.toLocaleString("en-US")} points`;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="rewardId" value={rewardId} />
      <input type="hidden" name="requestKey" value={requestKey} />
      {kind === "product" ? (
        <fieldset className="space-y-3">
          <legend className="text-base font-semibold text-neutral-900">Where should we send it?</legend>
          {ADDRESS_FIELDS.map((f) => (
            <Field key={f.name} label={f.label} name={f.name} error={failure?.fieldErrors?.[f.name]?.[0]}>
              <Input autoComplete={f.autoComplete} maxLength={f.maxLength} required={f.required} />
            </Field>
          ))}
        </fieldset>
      ) : null}
      {failure ? <Alert tone="error">{failure.fieldErrors?.requestKey?.[0] ?? failure.error}</Alert> : null}
      {state?.ok && state.data.status === "redeemed" ? <Success outcome={state.data} /> : null}
      <SubmitButton size="lg" className="w-full sm:w-auto" pendingLabel="Redeeming…">
        {label}
      </SubmitButton>
    </form>
  );
}
