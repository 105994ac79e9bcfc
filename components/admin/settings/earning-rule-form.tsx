"use client";

import { Field } from "@/components/ui/field";
import { controlClasses, Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/components/ui/cn";
import { useFormAction } from "@/components/ui/use-form-action";
import type { EarningRule } from "@/db/schema";
import type { updateEarningRuleAction } from "@/lib/settings-admin/actions";
import { CAP_PERIOD_LABELS, CAP_PERIODS, MAX_CAP_COUNT, MAX_HOLD_DAYS, RULE_FIELDS } from "@/lib/settings-admin/schemas";
import type { EarningRuleId } from "@/lib/earning/schemas";
import { FormOutcome } from "./form-outcome";
import { CheckboxField } from "@/components/ui/checkbox-field";

type Props = {
  rule: EarningRule & { id: EarningRuleId };
  /** "5 points per $1" needs the currency unit: "$1", "€1". */
  currencyUnit: string;
  action: typeof updateEarningRuleAction;
};

const FIELDS = ["name", "active", "points", "capCount", "capPeriod", "holdDays", "requiresApproval", "reason"];

/** One earning rule: only the settings that take effect for this rule are offered (RULE_FIELDS). */
export function EarningRuleForm({ rule, currencyUnit, action }: Props) {
  const { formAction, failure, saved, typed } = useFormAction(action);
  const errorOf = (field: string) => failure?.fieldErrors?.[field]?.[0];
  const text = (field: string, stored: string) => typed?.[field] ?? stored;
  const checked = (field: string, stored: boolean) => (typed ? typed[field] === "on" : stored);
  const fields = RULE_FIELDS[rule.id];

  return (
    <form action={formAction} className="space-y-8" noValidate>
      <input type="hidden" name="id" value={rule.id} />
      <FormOutcome failure={failure} saved={saved} shownFields={FIELDS} noun="Rule" />

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-neutral-900">Rule</legend>
        <Field label="Name" name="name" error={errorOf("name")} hint="Shown to admins in the claims queue and reports.">
          <Input defaultValue={text("name", rule.name)} required maxLength={80} autoComplete="off" />
        </Field>
        <CheckboxField
          name="active"
          label="Active"
          hint="Switched off, the rule awards nothing until it is switched on again; points already earned stay."
          defaultChecked={checked("active", rule.active)}
          error={errorOf("active")}
        />
      </fieldset>

      {fields.points || fields.hold ? (
        <fieldset className="space-y-5">
          <legend className="text-base font-semibold text-neutral-900">Points</legend>
          <div className="grid gap-5 sm:grid-cols-2">
            {fields.points ? (
              <Field
                label={rule.id === "purchase" ? `Points per ${currencyUnit} spent` : "Points per award"}
                name="points"
                error={errorOf("points")}
                hint={rule.id === "purchase" ? `Before tier and plan multipliers; 0 awards nothing. At most 1,000.` : "A whole number; 0 awards nothing."}
              >
                <Input type="number" min={0} step={1} inputMode="numeric" defaultValue={text("points", String(rule.points))} required />
              </Field>
            ) : null}
            {fields.hold ? (
              <Field label="Hold (days)" name="holdDays" error={errorOf("holdDays")} hint={`Points stay pending this long (a refund window), 0 to ${MAX_HOLD_DAYS}.`}>
                <Input type="number" min={0} max={MAX_HOLD_DAYS} step={1} inputMode="numeric" defaultValue={text("holdDays", String(rule.holdDays))} required />
              </Field>
            ) : null}
          </div>
        </fieldset>
      ) : (
        <p className="text-sm text-neutral-600">
          The membership bonus is each plan&apos;s &ldquo;bonus points&rdquo;, set on the plan&apos;s page under Plans and pricing. This switch turns the bonus on or off for every
          plan.
        </p>
      )}

      {fields.cap ? (
        <fieldset className="space-y-3" aria-describedby="cap-hint">
          <legend className="text-base font-semibold text-neutral-900">Cap</legend>
          <p id="cap-hint" className="text-sm text-neutral-600">
            At most this many awards per member in a calendar period (UTC). Leave the number empty and choose &ldquo;No cap&rdquo; for none.
          </p>
          <div className="grid gap-5 sm:grid-cols-2">
            <Field label="Awards" name="capCount" error={errorOf("capCount")} hint={`1 to ${MAX_CAP_COUNT.toLocaleString("en-US")}.`}>
              <Input type="number" min={1} max={MAX_CAP_COUNT} step={1} inputMode="numeric" defaultValue={text("capCount", rule.capCount === null ? "" : String(rule.capCount))} />
            </Field>
            <Field label="Period" name="capPeriod" error={errorOf("capPeriod")}>
              <select defaultValue={text("capPeriod", rule.capPeriod ?? "none")} className={cn(controlClasses, "h-11 sm:h-10")}>
                <option value="none">No cap</option>
                {CAP_PERIODS.map((period) => (
                  <option key={period} value={period}>
                    {CAP_PERIOD_LABELS[period]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </fieldset>
      ) : null}

      {fields.approval ? (
        <fieldset className="space-y-5">
          <legend className="text-base font-semibold text-neutral-900">Approval</legend>
          <CheckboxField
            name="requiresApproval"
            label="An admin approves each claim"
            hint="Claims wait in Review claims; without it, points are awarded when the member submits the link."
            defaultChecked={checked("requiresApproval", rule.requiresApproval)}
            error={errorOf("requiresApproval")}
          />
        </fieldset>
      ) : null}

      <Field label="Reason for the change" name="reason" error={errorOf("reason")} hint="Required. Kept in the audit log with your name and the before and after values.">
        <Textarea defaultValue={typed?.reason ?? ""} rows={2} maxLength={500} required />
      </Field>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <SubmitButton pendingLabel="Saving…" className="w-full sm:w-auto">
          Save rule
        </SubmitButton>
        <p className="text-sm text-neutral-600">Applies to awards from now on; points already posted don&apos;t change.</p>
      </div>
    </form>
  );
}
