"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { createIntegrationAction } from "@/lib/orders/actions";
import { IntegrationCopyButton } from "./integration-copy-button";

type Props = { action: typeof createIntegrationAction };

/** "Create integration", then its id and secret — shown this once; Cairn keeps only a hash. */
export function IntegrationCreateForm({ action }: Props) {
  const [state, formAction] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  const created = state?.ok ? state.data : null;
  return (
    <div className="space-y-4">
      <form action={formAction} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <Field label="Name" name="name" error={failure?.fieldErrors?.name?.[0]} hint="Where orders come from, e.g. “Online store” or “Boulder POS”." className="flex-1">
          <Input required maxLength={80} autoComplete="off" />
        </Field>
        <SubmitButton pendingLabel="Creating…" className="sm:mb-7">
          Create integration
        </SubmitButton>
      </form>
      {failure && !failure.fieldErrors ? <Alert tone="error">{failure.error}</Alert> : null}
      {created ? (
        <Alert tone="warning" title={`${created.name} is ready. Copy its secret now: it is shown only this once.`}>
          <dl className="mt-2 space-y-3">
            <div>
              <dt className="font-medium">Integration id (the Cairn-Integration header)</dt>
              <dd className="mt-1 flex flex-wrap items-center gap-2">
                <code className="rounded bg-white/70 px-1.5 py-1 text-xs break-all">{created.id}</code>
                <IntegrationCopyButton text={created.id} label="Copy id" />
              </dd>
            </div>
            <div>
              <dt className="font-medium">Secret (signs each request; never send it)</dt>
              <dd className="mt-1 flex flex-wrap items-center gap-2">
                <code className="rounded bg-white/70 px-1.5 py-1 text-xs break-all">{created.secret}</code>
                <IntegrationCopyButton text={created.secret} label="Copy secret" />
              </dd>
            </div>
          </dl>
          <p className="mt-3">Store the secret in the shop&apos;s secret manager. If it is lost or leaks, revoke this integration and create a new one.</p>
        </Alert>
      ) : null}
    </div>
  );
}
