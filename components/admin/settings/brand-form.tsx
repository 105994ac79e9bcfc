"use client";

import { useState } from "react";
import { CoverImage } from "@/components/ui/cover-image";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { useFormAction } from "@/components/ui/use-form-action";
import { checkBrandColour, formatRatio, normaliseHex } from "@/lib/brand/colour";
import type { BrandSettings } from "@/lib/brand/schemas";
import type { updateBrandAction } from "@/lib/settings-admin/actions";
import { FormOutcome } from "./form-outcome";
import { CheckboxField } from "@/components/ui/checkbox-field";

type Props = { brand: BrandSettings; logoSrc: string | null; action: typeof updateBrandAction };

const FIELDS = ["programName", "supportEmail", "currency", "primaryColor", "logo", "logoUrl", "removeLogo", "reason"];

/** A button in the colour being typed, with its contrast, so the admin sees the result before saving. */
function ColourPreview({ value }: { value: string }) {
  const hex = normaliseHex(value);
  if (!hex) return <p className="text-sm text-neutral-600">Type a hex code like #186355 to preview it.</p>;
  const check = checkBrandColour(hex);
  return (
    <div className="flex flex-wrap items-center gap-3" aria-live="polite">
      <span aria-hidden="true" className="inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium text-white" style={{ backgroundColor: hex }}>
        Join free
      </span>
      <p className="text-sm text-neutral-600">
        White text on {hex}: {formatRatio(check.ratio)}
        {check.ok ? " — passes WCAG AA." : ` — too light. Try ${check.suggestion}.`}
      </p>
    </div>
  );
}

export function BrandForm({ brand, logoSrc, action }: Props) {
  const { formAction, failure, saved, typed } = useFormAction(action);
  const errorOf = (field: string) => failure?.fieldErrors?.[field]?.[0];
  const text = (field: string, stored: string) => typed?.[field] ?? stored;
  const [colour, setColour] = useState(brand.primaryColor);

  return (
    <form action={formAction} className="space-y-8" noValidate>
      <FormOutcome failure={failure} saved={saved} shownFields={FIELDS} noun="Brand" />
      {failure && !typed?.logoUrl ? <p className="text-sm text-neutral-600">If you chose a logo file, choose it again: browsers don&apos;t keep files after a refusal.</p> : null}

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-neutral-900">Program</legend>
        <Field label="Program name" name="programName" error={errorOf("programName")} hint="In the header and footer, page titles, and every email.">
          <Input defaultValue={text("programName", brand.programName)} required maxLength={60} autoComplete="off" />
        </Field>
        <Field label="Support email" name="supportEmail" error={errorOf("supportEmail")} hint="Shown in the footer and emails for questions. Leave empty to show none.">
          <Input type="email" defaultValue={text("supportEmail", brand.supportEmail ?? "")} maxLength={200} autoComplete="off" inputMode="email" />
        </Field>
        <Field
          label="Currency"
          name="currency"
          error={errorOf("currency")}
          hint="ISO code, like USD, EUR or GBP. Store orders must be sent in it, and point values are shown in it. Plans keep their own Stripe prices."
          className="max-w-xs"
        >
          <Input defaultValue={text("currency", brand.currency)} required maxLength={3} autoComplete="off" autoCapitalize="characters" spellCheck={false} />
        </Field>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-base font-semibold text-neutral-900">Colour</legend>
        <Field
          label="Button colour"
          name="primaryColor"
          error={errorOf("primaryColor")}
          hint="A hex code. Buttons carry white text on it, so it must reach 4.5:1 contrast (WCAG AA); lighter and darker shades for links and backgrounds are derived from it."
          className="max-w-xs"
        >
          <Input
            defaultValue={text("primaryColor", brand.primaryColor)}
            onChange={(event) => setColour(event.target.value)}
            required
            maxLength={7}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <ColourPreview value={colour} />
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-neutral-900">Logo</legend>
        {logoSrc ? (
          <div className="flex flex-wrap items-center gap-4">
            <CoverImage src={logoSrc} alt="Current logo" sizes="160px" className="h-16 w-40 rounded-md border border-neutral-200 bg-white [&_img]:object-contain" />
            <CheckboxField name="removeLogo" label="Remove the logo" hint="The header shows the built-in mark beside the name." defaultChecked={typed?.removeLogo === "on"} />
          </div>
        ) : (
          <p className="text-sm text-neutral-600">No logo: the header shows the built-in mark beside the program name.</p>
        )}
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Upload a logo" name="logo" error={errorOf("logo")} hint="PNG, JPEG or WebP (not SVG), up to 2 MB. Scaled to fit 640×128 px; shown 32 px tall.">
            <input
              type="file"
              accept="image/png,image/jpeg,image/webp"
              className="block w-full text-sm text-neutral-700 file:mr-3 file:rounded-lg file:border file:border-neutral-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium"
            />
          </Field>
          <Field label="…or a logo link" name="logoUrl" error={errorOf("logoUrl")} hint="An https:// address of an image. Leave both empty to keep the current logo.">
            <Input type="url" defaultValue={text("logoUrl", "")} inputMode="url" autoComplete="off" placeholder="https://" />
          </Field>
        </div>
      </fieldset>

      <Field label="Reason for the change" name="reason" error={errorOf("reason")} hint="Required. Kept in the audit log with your name and the before and after values.">
        <Textarea defaultValue={typed?.reason ?? ""} rows={2} maxLength={500} required />
      </Field>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <SubmitButton pendingLabel="Saving…" className="w-full sm:w-auto">
          Save brand
        </SubmitButton>
        <p className="text-sm text-neutral-600">Pages and emails show the change from the next one on.</p>
      </div>
    </form>
  );
}
