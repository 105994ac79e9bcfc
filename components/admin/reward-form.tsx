"use client";

import { CheckboxField } from "@/components/ui/checkbox-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { CoverImage } from "@/components/ui/cover-image";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Input, controlClasses } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { Reward } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/result";
import { KIND_LABELS, REWARD_KINDS, REWARD_STATUSES, STATUS_LABELS, rewardFormValues, slugify } from "@/lib/rewards/schemas";

type Saved = { id: string; slug: string; changed?: string[] };
type Action = (state: null, formData: FormData) => Promise<ActionResult<Saved>>;
/** The action's result plus what was typed, so a refused form comes back as the admin left it. */

type Props = {
  /** Absent for a new reward. */
  reward?: Reward;
  /** Where the stored image is served from, if any. */
  imageSrc?: string | null;
  tiers: { id: string; name: string }[];
  action: Action;
};

const selectClasses = cn(controlClasses, "h-11 sm:h-10");

/** The new-reward and edit-reward form: one schema (lib/rewards/schemas.ts) for both and for the action. */
export function RewardForm({ reward, imageSrc, tiers, action }: Props) {
  const router = useRouter();
  const editing = !!reward;
  const { formAction, failure, saved, typed } = useFormAction(action);
  useEffect(() => {
    // A new reward continues on its own page (sessions, preview).
    if (!editing && saved) router.push(`/admin/rewards/${saved.id}?created=1`);
  }, [editing, saved, router]);

  const stored = reward ? rewardFormValues(reward) : null;
  const text = (field: string, fallback = "") => typed?.[field] ?? stored?.[field] ?? fallback;
  const checked = (field: string) => (typed ? typed[field] === "on" : stored?.[field] === "on");
  const errorOf = (field: string) => failure?.fieldErrors?.[field]?.[0];

  const [kind, setKind] = useState<Reward["kind"]>((text("kind", "product") as Reward["kind"]) ?? "product");
  const [title, setTitle] = useState(text("title"));
  const [discountType, setDiscountType] = useState(text("discountType", "amount"));
  const tierOptions = [{ id: "none", name: "None" }, ...tiers];

  return (
    <form action={formAction} className="space-y-8" noValidate encType="multipart/form-data">
      {reward ? <input type="hidden" name="id" value={reward.id} /> : null}

      {failure ? (
        <Alert tone="error" title="Nothing was saved">
          {failure.error} If you chose an image file, choose it again: browsers don&apos;t keep files after a refusal.
        </Alert>
      ) : null}
      {editing && saved ? (
        <Alert tone="success" title={saved.changed?.length ? "Reward saved" : "Nothing to save"}>
          {saved.changed?.length ? `Changed: ${saved.changed.join(", ")}. The change is in the audit log.` : "The form matched the saved reward, so no change was recorded."}
        </Alert>
      ) : null}

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-neutral-900">What it is</legend>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Kind" name="kind" error={errorOf("kind")} hint={editing ? "Fixed once the reward exists." : "Decides what members get and what you fulfil."}>
            {(control) =>
              editing ? (
                <>
                  <input type="hidden" name="kind" value={kind} />
                  <select {...control} name="kind-display" value={kind} disabled className={selectClasses}>
                    <option value={kind}>{KIND_LABELS[kind]}</option>
                  </select>
                </>
              ) : (
                <select {...control} value={kind} onChange={(e) => setKind(e.target.value as Reward["kind"])} className={selectClasses}>
                  {REWARD_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              )
            }
          </Field>
          <Field label="Status" name="status" error={errorOf("status")} hint="Only active rewards show in the catalog.">
            <select defaultValue={text("status", "draft")} className={selectClasses}>
              {REWARD_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label="Title" name="title" error={errorOf("title")}>
          <Input defaultValue={text("title")} onChange={(e) => setTitle(e.target.value)} required maxLength={120} autoComplete="off" />
        </Field>
        <Field label="Slug" name="slug" error={errorOf("slug")} hint={editing ? "Part of the reward's address. Changing it breaks links already shared." : `Part of the reward's address. Leave empty to use “${slugify(title) || "…"}”.`}>
          <Input defaultValue={text("slug")} placeholder={slugify(title)} maxLength={80} autoComplete="off" spellCheck={false} />
        </Field>
        <Field label="Description" name="description" error={errorOf("description")} hint="Markdown: **bold**, _italic_, lists, [links](https://…). Scripts and raw HTML are removed when shown.">
          <Textarea defaultValue={text("description")} rows={8} maxLength={20000} />
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Category" name="category" error={errorOf("category")} hint="Optional, e.g. Gear or Experiences.">
            <Input defaultValue={text("category")} maxLength={60} />
          </Field>
          <Field label="Sort order" name="sortOrder" error={errorOf("sortOrder")} hint="Lower numbers come first.">
            <Input type="number" step={1} inputMode="numeric" defaultValue={text("sortOrder", "0")} />
          </Field>
        </div>
      </fieldset>

      {kind === "discount" ? (
        <fieldset className="space-y-5">
          <legend className="text-base font-semibold text-neutral-900">Discount</legend>
          <p className="text-sm text-neutral-600">Each redemption gets its own single-use code, shown to the member at once.</p>
          <div className="grid gap-5 sm:grid-cols-3">
            <Field label="Type" name="discountType" error={errorOf("discountType")}>
              <select value={discountType} onChange={(e) => setDiscountType(e.target.value)} className={selectClasses}>
                <option value="amount">Amount off ($)</option>
                <option value="percent">Percent off (%)</option>
              </select>
            </Field>
            <Field label={discountType === "percent" ? "Percent off" : "Amount off (USD)"} name="discountValue" error={errorOf("discountValue")} hint={discountType === "percent" ? "1 to 100." : "Like 10.00."}>
              <Input defaultValue={text("discountValue")} inputMode="decimal" autoComplete="off" />
            </Field>
            <Field label="Code expires after (days)" name="discountExpiresInDays" error={errorOf("discountExpiresInDays")} hint="Empty: never expires.">
              <Input type="number" min={1} step={1} inputMode="numeric" defaultValue={text("discountExpiresInDays")} />
            </Field>
          </div>
          <CheckboxField name="stripePromotion" label="Also create a Stripe promotion code" hint="So the code works at membership checkout too." defaultChecked={checked("stripePromotion")} error={errorOf("stripePromotion")} />
        </fieldset>
      ) : null}

      {kind === "donation" ? (
        <fieldset className="space-y-5">
          <legend className="text-base font-semibold text-neutral-900">Donation</legend>
          <Field label="Cause" name="cause" error={errorOf("cause")} hint="Who receives the donation, in a few words.">
            <Input defaultValue={text("cause")} maxLength={200} />
          </Field>
        </fieldset>
      ) : null}

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-neutral-900">Cost and limits</legend>
        <div className="grid gap-5 sm:grid-cols-3">
          <Field label="Points cost" name="pointsCost" error={errorOf("pointsCost")} hint={kind === "experience" ? "A session can set its own cost." : "A whole number, at least 1."}>
            <Input type="number" min={1} step={1} inputMode="numeric" defaultValue={text("pointsCost")} required />
          </Field>
          {kind !== "experience" ? (
            <Field label="Stock" name="stock" error={errorOf("stock")} hint="Empty: unlimited.">
              <Input type="number" min={0} step={1} inputMode="numeric" defaultValue={text("stock")} />
            </Field>
          ) : null}
          <Field label="Limit per member" name="perMemberLimit" error={errorOf("perMemberLimit")} hint="Empty: no limit.">
            <Input type="number" min={1} step={1} inputMode="numeric" defaultValue={text("perMemberLimit")} />
          </Field>
        </div>
        {kind === "experience" ? <p className="text-sm text-neutral-600">Seats are set per session, on the reward&apos;s sessions page.</p> : null}
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-neutral-900">When and who</legend>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Publish (UTC)" name="publishAt" error={errorOf("publishAt")} hint="Empty: as soon as it is active.">
            <Input type="datetime-local" defaultValue={text("publishAt")} />
          </Field>
          <Field label="Unpublish (UTC)" name="unpublishAt" error={errorOf("unpublishAt")} hint="Empty: no end. Must be after the publish date.">
            <Input type="datetime-local" defaultValue={text("unpublishAt")} />
          </Field>
          <Field label="Minimum tier" name="minTier" error={errorOf("minTier")}>
            <select defaultValue={text("minTier", "none")} className={selectClasses}>
              {tierOptions.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </Field>
          <div className="sm:pt-7">
            <CheckboxField name="paidMembersOnly" label="Paid members only" hint="Free members see it but can't redeem it." defaultChecked={checked("paidMembersOnly")} error={errorOf("paidMembersOnly")} />
          </div>
          <Field label="Early access (days before publish)" name="earlyAccessDays" error={errorOf("earlyAccessDays")} hint="0 for none. Paid members also get early access.">
            <Input type="number" min={0} max={365} step={1} inputMode="numeric" defaultValue={text("earlyAccessDays", "0")} />
          </Field>
          <Field label="Early access from tier" name="earlyAccessTier" error={errorOf("earlyAccessTier")}>
            <select defaultValue={text("earlyAccessTier", "none")} className={selectClasses}>
              {tierOptions.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.id === "none" ? "None" : `${t.name} and above`}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-neutral-900">Image</legend>
        {imageSrc ? (
          <div className="flex flex-wrap items-center gap-4">
            <CoverImage src={imageSrc} alt="Current image" sizes="144px" className="h-24 w-36 rounded-md border border-neutral-200" />
            <CheckboxField name="removeImage" label="Remove the image" hint="The reward shows without a picture." defaultChecked={checked("removeImage")} />
          </div>
        ) : null}
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Upload an image" name="image" error={errorOf("image")} hint="PNG, JPEG or WebP, up to 2 MB. Wider than 1200 px is scaled down.">
            <input type="file" accept="image/png,image/jpeg,image/webp" className="block w-full text-sm text-neutral-700 file:mr-3 file:rounded-lg file:border file:border-neutral-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium" />
          </Field>
          <Field label="…or an image link" name="imageUrl" error={errorOf("imageUrl")} hint="An https:// address.">
            <Input type="url" defaultValue={text("imageUrl")} inputMode="url" autoComplete="off" placeholder="https://" />
          </Field>
        </div>
      </fieldset>

      <Field
        label={editing ? "Reason for the change" : "Note for the audit log (optional)"}
        name="reason"
        error={errorOf("reason")}
        hint={editing ? "Required. Kept in the audit log with your name and the before and after values." : "Kept with your name in the audit log."}
      >
        <Textarea defaultValue={typed?.reason ?? ""} rows={2} maxLength={500} required={editing} />
      </Field>

      <SubmitButton pendingLabel="Saving…" className="w-full sm:w-auto">
        {editing ? "Save reward" : "Create reward"}
      </SubmitButton>
    </form>
  );
}
