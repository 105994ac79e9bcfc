"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/actions/result";
import { CLAIM_RULE_LABELS, CLAIM_URL_MAX, type ClaimRuleId } from "@/lib/earning/claim-schemas";
import type { submitClaimAction } from "@/lib/earning/claim-actions";
import { formatPoints } from "@/lib/format";

export type ClaimFormRule = {
  id: ClaimRuleId;
  points: number;
  requiresApproval: boolean;
  capCount: number | null;
  capPeriod: "day" | "month" | "year" | "lifetime" | null;
};

type Props = { action: typeof submitClaimAction; rules: ClaimFormRule[] };
type Result = Awaited<ReturnType<typeof submitClaimAction>>;
type Submitted = Extract<Result, { ok: true }>["data"];

const PERIOD_WORDS = { day: "a day", month: "a month", year: "a year", lifetime: "in all" } as const;
const WHAT: Record<ClaimRuleId, string> = { review: "your review", social_share: "your share" };

function ruleHint(rule: ClaimFormRule): string {
  const parts = [formatPoints(rule.points)];
  if (rule.capCount !== null) parts.push(`up to ${rule.capCount} ${PERIOD_WORDS[rule.capPeriod ?? "lifetime"]}`);
  if (rule.requiresApproval) parts.push("checked by our team");
  return parts.join(" · ");
}

function Outcome({ data }: { data: Submitted }) {
  switch (data.status) {
    case "approved":
      return (
        <Alert tone="success" title={`+${formatPoints(data.points)} for ${WHAT[data.ruleId]}`}>
          {data.pending ? "They become available once the hold period ends." : null}
        </Alert>
      );
    case "pending":
      return <Alert tone="success" title="Thanks — we'll review it within 2 days" />;
    case "rejected":
      return (
        <Alert tone="warning" title={`${data.reason}: this link earns no points`}>
          We kept it in your claims below; links you add once the limit resets earn points again.
        </Alert>
      );
  }
}

/** "Earn more": claim a product review or a social share with its link. */
export function ClaimForm({ action, rules }: Props) {
  const [ruleId, setRuleId] = useState<ClaimRuleId>(rules[0]?.id ?? "review");
  // Controlled, so a refused link stays in the field for correcting; cleared once a claim is made.
  const [url, setUrl] = useState("");
  const [state, formAction] = useActionState(async (previous: ActionResult<Submitted> | null, form: FormData) => {
    const result = await action(previous, form);
    if (result.ok) setUrl("");
    return result;
  }, null);
  const failure = state && !state.ok ? state : null;

  return (
    <form action={formAction} className="space-y-4" noValidate>
      <fieldset aria-describedby={failure?.fieldErrors?.ruleId ? "claim-rule-error" : undefined}>
        <legend className="text-sm font-medium text-neutral-900">What are you claiming?</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {rules.map((rule) => (
            <label
              key={rule.id}
              className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-neutral-300 bg-white p-3 has-checked:border-brand-600 has-checked:bg-brand-50 has-focus-visible:outline-2 has-focus-visible:outline-brand-600"
            >
              <input
                type="radio"
                name="ruleId"
                value={rule.id}
                checked={ruleId === rule.id}
                onChange={() => setRuleId(rule.id)}
                className="mt-0.5 size-4 accent-brand-700 focus-visible:outline-none"
              />
              <span className="text-sm">
                <span className="block font-medium text-neutral-900">{CLAIM_RULE_LABELS[rule.id]}</span>
                <span className="block text-neutral-600">{ruleHint(rule)}</span>
              </span>
            </label>
          ))}
        </div>
        {failure?.fieldErrors?.ruleId ? (
          <p id="claim-rule-error" className="mt-1.5 text-sm font-medium text-danger-700">
            {failure.fieldErrors.ruleId[0]}
          </p>
        ) : null}
      </fieldset>
      <Field
        label="Link"
        name="url"
        error={failure?.fieldErrors?.url?.[0]}
        hint={ruleId === "review" ? "The page where your review is published." : "The link to your post."}
      >
        <Input type="url" inputMode="url" autoComplete="off" placeholder="https://" maxLength={CLAIM_URL_MAX} value={url} onChange={(e) => setUrl(e.target.value)} required />
      </Field>
      {failure && !failure.fieldErrors ? <Alert tone="error">{failure.error}</Alert> : null}
      {state?.ok ? <Outcome data={state.data} /> : null}
      <SubmitButton pendingLabel="Sending…">Claim points</SubmitButton>
    </form>
  );
}
