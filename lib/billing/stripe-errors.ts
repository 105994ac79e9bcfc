/**
 * Stripe's errors are recognised by their `type` ("StripeCardError", …), not instanceof: a bundled
 * server can load the SDK's error classes more than once, and instanceof then fails.
 */
export function stripeErrorType(error: unknown): string | null {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === "string" && type.startsWith("Stripe") ? type : null;
}

export function stripeErrorCode(error: unknown): string | null {
  return stripeErrorType(error) ? ((error as { code?: string }).code ?? null) : null;
}

/** Stripe's errors, in words a customer can act on; never a stack. */
export function stripeErrorMessage(error: unknown): string | null {
  const type = stripeErrorType(error);
  if (!type) return null;
  if (type === "StripeCardError") return (error as Error).message || "Your card was declined.";
  if (type === "StripeConnectionError" || type === "StripeAPIError") return "We couldn't reach our payment provider. Please try again in a minute.";
  return "Payments are not available right now. Please try again later or contact support.";
}
