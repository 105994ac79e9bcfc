/** What every server action returns; shared with client components (types only, no server code). */
export type FieldErrors = Record<string, string[]>;

export type ActionErrorCode = "invalid_input" | "unauthenticated" | "forbidden" | "not_found" | "conflict" | "rate_limited" | "failed" | "unavailable" | "internal";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; code: ActionErrorCode; fieldErrors?: FieldErrors };

/** An expected failure: its message is shown to the person as it is. Plain class, usable anywhere. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly code: ActionErrorCode = "failed",
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "ActionError";
  }
}
