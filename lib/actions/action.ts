import "server-only";
import { randomBytes } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { isDatabaseUnavailable } from "@/db/errors";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/guards";
import { findNulByte, NUL_MESSAGE } from "@/lib/security/nul-bytes";

import { ActionError, type ActionResult, type FieldErrors } from "./result";

export { ActionError } from "./result";
export type { ActionErrorCode, ActionResult, FieldErrors } from "./result";

export type PublicContext = { user: CurrentUser | null };
export type MemberContext = { user: CurrentUser };

type Resolve<Ctx> = () => Promise<Ctx>;

/**
 * A server action: called directly with an object, or as a form action (also through
 * useActionState, which passes the previous state first). Input is parsed with the schema;
 * FormData is turned into a plain object first and coerced by the schema on purpose.
 */
export type ServerAction<S extends z.ZodType, T> = (
  inputOrState: z.input<S> | FormData | ActionResult<T> | null | undefined,
  formData?: FormData,
) => Promise<ActionResult<T>>;

function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue; // React's own bookkeeping fields
    if (key in out) out[key] = ([] as unknown[]).concat(out[key], value);
    else out[key] = value;
  }
  return out;
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function factory<Ctx>(resolveContext: Resolve<Ctx>) {
  return function action<S extends z.ZodType, T>(
    schema: S,
    body: (args: { input: z.output<S>; ctx: Ctx }) => Promise<T>,
  ): ServerAction<S, T> {
    return async (inputOrState, formData) => {
      const raw = formData instanceof FormData ? formData : inputOrState;
      const candidate = raw instanceof FormData ? formDataToObject(raw) : raw;
      try {
        // Authenticate before parsing, so an anonymous caller learns nothing about the input rules.
        const ctx = await resolveContext();
        // Postgres refuses NUL in text: such input is malformed, whatever the schema would say.
        const nul = findNulByte(candidate);
        if (nul) return { ok: false, code: "invalid_input", error: "Please correct the highlighted fields.", fieldErrors: { [nul]: [NUL_MESSAGE] } };
        const parsed = schema.safeParse(candidate);
        if (!parsed.success) {
          const fieldErrors = fieldErrorsOf(parsed.error);
          return { ok: false, code: "invalid_input", error: "Please correct the highlighted fields.", fieldErrors };
        }
        return { ok: true, data: await body({ input: parsed.data, ctx }) };
      } catch (error) {
        unstable_rethrow(error); // redirect(), notFound() and friends must reach Next
        if (error instanceof ActionError) {
          return { ok: false, code: error.code, error: error.message, fieldErrors: error.fieldErrors };
        }
        // The database is unreachable (a restart, a failover): the transaction rolled back, so the
        // person can simply try again — an action's answer to HTTP 503 with Retry-After.
        if (isDatabaseUnavailable(error)) {
          console.error("[action] the database is unreachable", error instanceof Error ? error.message : error);
          return { ok: false, code: "unavailable", error: "We couldn't reach our database just now. Nothing was changed; please try again in a few seconds." };
        }
        const reference = randomBytes(4).toString("hex");
        console.error(`[action] unexpected error ${reference}`, error);
        return { ok: false, code: "internal", error: `Something went wrong on our side. If it keeps happening, quote reference ${reference}.` };
      }
    };
  };
}

export const publicAction = factory<PublicContext>(async () => ({ user: await getCurrentUser() }));

export const memberAction = factory<MemberContext>(async () => {
  const user = await getCurrentUser();
  if (!user) throw new ActionError("Please sign in to continue.", "unauthenticated");
  return { user };
});

export const adminAction = factory<MemberContext>(async () => {
  const user = await getCurrentUser();
  if (!user) throw new ActionError("Please sign in to continue.", "unauthenticated");
  if (user.role !== "admin") throw new ActionError("Only admins can do this.", "forbidden");
  return { user };
});
