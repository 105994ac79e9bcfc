"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { useFormAction } from "@/components/ui/use-form-action";
import type { updateTiersAction } from "@/lib/settings-admin/actions";
import { thresholdInput } from "@/lib/settings-admin/describe";
import { MAX_GRACE_DAYS, MAX_TIER_BENEFITS } from "@/lib/settings-admin/schemas";
import type { TierInfo } from "@/lib/tiers/qualify";
import type { TierSettings } from "@/lib/tiers/schemas";
import { FormOutcome } from "./form-outcome";

type Props = {
  tiers: TierInfo[];
  settings: TierSettings;
  /** The program currency, for the spend basis: "USD". */
  currency: string;
  action: typeof updateTiersAction;
};

const METRICS = [
  ["points", "Points earned", "Points from purchases, bonuses and referrals in the last 12 months, less points taken back by refunds."],
  ["spend", "Spend", "Qualifying order amounts in the last 12 months, less refunds."],
] as const;

/** The whole ladder in one form: its rules (0 at the bottom, strictly rising) span every tier. */
export function TiersForm({ tiers, settings, currency, action }: Props) {
  const { formAction, failure, saved, typed } = useFormAction(action);
  const errorOf = (field: string) => failure?.fieldErrors?.[field]?.[0];
  const text = (field: string, stored: string) => typed?.[field] ?? stored;
  const metric = typed?.metric ?? settings.metric;
  const storedThreshold = (tier: TierInfo) => thresholdInput(tier.threshold, settings.metric);
  const shown = ["metric", "graceDays", "reason", ...tiers.flatMap((t) => ["name", "threshold", "multiplier", "benefits"].map((f) => `tiers.${t.id}.${f}`))];

  return (
    <form action={formAction} className="space-y-8" noValidate>
      <FormOutcome failure={failure} saved={saved ? { changed: [...saved.changedTiers, ...(saved.settingsChanged ? ["settings"] : [])] } : null} shownFields={shown} noun="Tiers" />

      <fieldset className="space-y-3" aria-describedby="metric-hint">
        <legend className="text-base font-semibold text-neutral-900">What qualifies a tier</legend>
        <p id="metric-hint" className="text-sm text-neutral-600">
          Thresholds below are read in this basis: whole points, or amounts of spend in {currency}. Switching the basis? Change the thresholds in the same save.
        </p>
        <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
          {METRICS.map(([value, label, hint]) => (
            <label key={value} className="flex min-h-11 items-start gap-2 text-sm text-neutral-900 sm:max-w-xs">
              <input type="radio" name="metric" value={value} defaultChecked={metric === value} className="mt-0.5 size-4 shrink-0 accent-brand-700" />
              <span>
                <span className="block font-medium">{label}</span>
                <span className="block text-neutral-600">{hint}</span>
              </span>
            </label>
          ))}
        </div>
        {errorOf("metric") ? <p className="text-sm font-medium text-danger-700">{errorOf("metric")}</p> : null}
        <Field
          label="Grace before a downgrade (days)"
          name="graceDays"
          error={errorOf("graceDays")}
          hint={`A member who falls below their tier keeps it this long, 0 to ${MAX_GRACE_DAYS}.`}
          className="max-w-xs"
        >
          <Input type="number" min={0} max={MAX_GRACE_DAYS} step={1} inputMode="numeric" defaultValue={text("graceDays", String(settings.graceDays))} required />
        </Field>
      </fieldset>

      <div className="space-y-4">
        <h2 className="text-base font-semibold text-neutral-900">Tiers, lowest first</h2>
        <ol className="space-y-4">
          {tiers.map((tier, index) => {
            const key = (field: string) => `tiers.${tier.id}.${field}`;
            return (
              <li key={tier.id}>
                <fieldset className="space-y-4 rounded-lg border border-neutral-200 bg-white p-4 sm:p-5">
                  <legend className="px-1 text-sm font-semibold text-neutral-900">
                    {tier.name} <span className="font-normal text-neutral-600">({tier.id})</span>
                  </legend>
                  <div className="grid gap-4 sm:grid-cols-3">
                    <Field label="Name" name={key("name")} error={errorOf(key("name"))}>
                      <Input defaultValue={text(key("name"), tier.name)} required maxLength={40} autoComplete="off" />
                    </Field>
                    <Field
                      label={metric === "spend" ? `Threshold (${currency})` : "Threshold (points)"}
                      name={key("threshold")}
                      error={errorOf(key("threshold"))}
                      hint={index === 0 ? "The lowest tier starts at 0." : "More than the tier below."}
                    >
                      <Input defaultValue={text(key("threshold"), storedThreshold(tier))} inputMode={metric === "spend" ? "decimal" : "numeric"} required autoComplete="off" />
                    </Field>
                    <Field label="Points multiplier" name={key("multiplier")} error={errorOf(key("multiplier"))} hint="1 to 10, two decimals.">
                      <Input type="number" min={1} max={10} step={0.01} inputMode="decimal" defaultValue={text(key("multiplier"), tier.multiplier.toFixed(2))} required />
                    </Field>
                  </div>
                  <Field
                    label="Benefits"
                    name={key("benefits")}
                    error={errorOf(key("benefits"))}
                    hint={`One per line, at most ${MAX_TIER_BENEFITS}. Shown to members and in the upgrade email.`}
                  >
                    <Textarea defaultValue={text(key("benefits"), tier.benefits.join("\n"))} rows={3} />
                  </Field>
                </fieldset>
              </li>
            );
          })}
        </ol>
      </div>

      <Field label="Reason for the change" name="reason" error={errorOf("reason")} hint="Required. Kept in the audit log with your name and the before and after values.">
        <Textarea defaultValue={typed?.reason ?? ""} rows={2} maxLength={500} required />
      </Field>

      <div className="space-y-3">
        <p className="text-sm text-neutral-600">
          New thresholds apply at each member&apos;s next tier recompute (their next qualifying event, or the nightly job); no tier changes the moment you save, and a member who
          falls below their tier keeps it through the grace period. Multipliers apply to purchases from now on.
        </p>
        <SubmitButton pendingLabel="Saving…" className="w-full sm:w-auto">
          Save tiers
        </SubmitButton>
      </div>
    </form>
  );
}
