"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";

type State<T> = { result: ActionResult<T>; values: Record<string, string> } | null;

/**
 * useActionState for edit forms: besides the action's result, it keeps what the person typed, so a
 * refused form comes back with their values (React resets uncontrolled fields after an action).
 */
export function useFormAction<T>(action: (state: null, formData: FormData) => Promise<ActionResult<T>>) {
  const [state, formAction] = useActionState(async (_previous: State<T>, formData: FormData): Promise<State<T>> => {
    const result = await action(null, formData);
    const values: Record<string, string> = {};
    for (const [key, value] of formData.entries()) if (typeof value === "string") values[key] = value;
    return { result, values };
  }, null);
  const result = state?.result ?? null;
  const failure = result && !result.ok ? result : null;
  return { formAction, result, failure, saved: result?.ok ? result.data : null, typed: failure ? state!.values : null };
}
