"use client";

import { CheckboxField } from "@/components/ui/checkbox-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input, controlClasses } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/components/ui/cn";
import type { Plan } from "@/db/schema";
import type { updatePlanAction } from "@/lib/billing/admin-actions";
import { centsToDollars, MAX_TRIAL_DAYS, TIER_CHOICES } from "@/lib/billing/plan-schemas";
import { formatMoney } from "@/lib/format";

type Result = Awaited<ReturnType<typeof updatePlanAction>>;
/** The action's result plus what was typed, so a refused form comes back as the admin left it. */

type Props = {
  plan: Plan;
  action: typeof updatePlanAction;
};

const TIER_LABELS: Record<(typeof TIER_CHOICES)[number], string> = { none: "None", bronze: "Bronze", silver: "Silver", gold: "Gold", platinum: "Platinum" };
const FIELD_LABELS: Record<string, string> = {
  name: "name",
  description: "description",
  priceCents: "price",
  interval: "billing interval",
  trialDays: "trial",
  benefits: "benefits",
  active: "availability",
};

export function PlanForm({ plan, action }: Props) {
  const { formAction, failure, saved, typed } = useFormAction(action);
  const errorOf = (field: string) => failure?.fieldErrors?.[field]?.[0];
  // After a refusal the form shows what was typed; after a save, the saved plan (and an empty reason).
  const text = (field: string, stored: string) => typed?.[field] ?? stored;
  const checked = (field: string, stored: boolean) => (typed ? typed[field] === "on" : stored);

  const paid = plan.kind !== "free";
  const recurring = plan.kind === "recurring";
  const benefits = plan.benefits;

  return (
    <form action={formAction} className="space-y-8" noValidate>
      <input type="hidden" name="id" value={plan.id} />

      {failure ? (
        <Alert tone="error" title="Nothing was saved">
          {failure.error}
        </Alert>
      ) : null}
      {saved ? <SavedMessage saved={saved} /> : null}

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-neutral-900">Plan</legend>
        <Field label="Name" name="name" error={errorOf("name")}>
          <Input defaultValue={text("name", plan.name)} required maxLength={80} autoComplete="off" />
        </Field>
        <Field label="Description" name="description" error={errorOf("description")} hint="Shown on the pricing page.">
          <Textarea defaultValue={text("description", plan.description)} rows={3} maxLength={500} />
        </Field>
        <div className="grid gap-5 sm:grid-cols-3">
          <Field
            label={`Price (${plan.currency.toUpperCase()})`}
            name="price"
            error={errorOf("price")}
            hint={paid ? "At least 0.50, at most 10,000.00." : "The free plan is always free."}
          >
            <Input defaultValue={text("price", centsToDollars(plan.priceCents))} inputMode="decimal" readOnly={!paid} required autoComplete="off" />
          </Field>
          {recurring ? (
            <Field label="Billed every" name="interval" error={errorOf("interval")}>
              <select defaultValue={text("interval", plan.interval ?? "month")} className={cn(controlClasses, "h-11 sm:h-10")}>
                <option value="month">Month</option>
                <option value="year">Year</option>
              </select>
            </Field>
          ) : null}
          {recurring ? (
            <Field label="Free trial (days)" name="trialDays" error={errorOf("trialDays")} hint={`0 for none, at most ${MAX_TRIAL_DAYS}.`}>
              <Input type="number" min={0} max={MAX_TRIAL_DAYS} step={1} inputMode="numeric" defaultValue={text("trialDays", String(plan.trialDays))} required />
            </Field>
          ) : null}
        </div>
        {paid ? (
          <p className="text-sm text-neutral-600">
            Changing the price or interval creates a new Stripe price that takes over the lookup key
            {plan.lookupKey ? (
              <>
                {" "}
                <code className="rounded bg-neutral-100 px-1 py-0.5 text-xs">{plan.lookupKey}</code>
              </>
            ) : null}
            : new buyers pay the new price; existing subscribers keep the price they signed up with.
          </p>
        ) : null}
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-neutral-900">Benefits</legend>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Points multiplier" name="earnMultiplier" error={errorOf("earnMultiplier")} hint="1 to 10, up to two decimals (2 = double points).">
            <Input type="number" min={1} max={10} step={0.01} inputMode="decimal" defaultValue={text("earnMultiplier", String(benefits.earnMultiplier))} required />
          </Field>
          <Field label="% back in points" name="percentBack" error={errorOf("percentBack")} hint="Whole percent, 0 to 100.">
            <Input type="number" min={0} max={100} step={1} inputMode="numeric" defaultValue={text("percentBack", String(benefits.percentBack))} required />
          </Field>
          <Field label="Minimum tier" name="minTier" error={errorOf("minTier")} hint="Members on this plan never drop below it.">
            <select defaultValue={text("minTier", benefits.minTier ?? "none")} className={cn(controlClasses, "h-11 sm:h-10")}>
              {TIER_CHOICES.map((tier) => (
                <option key={tier} value={tier}>
                  {TIER_LABELS[tier]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Referral discount (%)" name="referralDiscountPercent" error={errorOf("referralDiscountPercent")} hint="Off this plan for a referred buyer, 0 to 100.">
            <Input type="number" min={0} max={100} step={1} inputMode="numeric" defaultValue={text("referralDiscountPercent", String(benefits.referralDiscountPercent))} required />
          </Field>
          <Field label="Bonus points" name="bonusPoints" error={errorOf("bonusPoints")} hint={recurring ? "Granted when the plan is bought and at each renewal." : "Granted when the plan is bought."}>
            <Input type="number" min={0} step={1} inputMode="numeric" defaultValue={text("bonusPoints", String(benefits.bonusPoints))} required />
          </Field>
        </div>
        <CheckboxField name="memberOnlyRewards" label="Member-only rewards" hint="Members on this plan can redeem rewards marked member-only." defaultChecked={checked("memberOnlyRewards", benefits.memberOnlyRewards)} error={errorOf("memberOnlyRewards")} />
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-neutral-900">Availability</legend>
        <CheckboxField
          name="active"
          label="Active"
          hint="Inactive plans disappear from the pricing page; current members keep them."
          defaultChecked={checked("active", plan.active)}
          error={errorOf("active")}
        />
      </fieldset>

      <Field label="Reason for the change" name="reason" error={errorOf("reason")} hint="Required. Kept in the audit log with your name and the before and after values.">
        <Textarea defaultValue={typed?.reason ?? ""} rows={2} maxLength={500} required />
      </Field>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <SubmitButton pendingLabel="Saving…" className="w-full sm:w-auto">
          Save plan
        </SubmitButton>
        {paid ? <p className="text-sm text-neutral-600">Saving also syncs the plan to Stripe.</p> : null}
      </div>
    </form>
  );
}

function SavedMessage({ saved }: { saved: Extract<Result, { ok: true }>["data"] }) {
  const what = saved.changed.map((field) => FIELD_LABELS[field] ?? field).join(", ");
  const { sync } = saved;
  return (
    <div className="space-y-3">
      <Alert tone="success" title={saved.changed.length ? "Plan saved" : "Nothing to save"}>
        {saved.changed.length ? `Changed: ${what}. The change is in the audit log.` : "The form matched the saved plan, so no change was recorded."}
      </Alert>
      {sync?.action === "failed" ? (
        <Alert tone="warning">
          Saved, but Stripe sync failed: {sync.error} Try &lsquo;Sync to Stripe&rsquo; again.
        </Alert>
      ) : sync?.action === "created" ? (
        <Alert tone="info" title="New Stripe price">
          Price <code>{sync.priceId}</code> ({formatMoney(saved.plan.priceCents, saved.plan.currency.toUpperCase())}) now holds the lookup key <code>{sync.lookupKey}</code>. New buyers pay it;
          existing subscribers keep their price.
        </Alert>
      ) : sync?.action === "unchanged" ? (
        <Alert tone="info">
          Stripe already matches: price <code>{sync.priceId}</code>.
        </Alert>
      ) : null}
    </div>
  );
}
