/**
 * Errors shaped like Stripe's, so the real SDK turns them into its own classes
 * (StripeInvalidRequestError for 400/404, StripeCardError for 402).
 */
export type StripeErrorBody = {
  type: "invalid_request_error" | "card_error" | "api_error" | "idempotency_error";
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  charge?: string;
  payment_intent?: { id: string };
  doc_url?: string;
};

export class StripeEmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
    this.name = "StripeEmulatorError";
  }
}

/**
 * Recognised by name and shape, not instanceof: the embedded server creates its emulator once per
 * process at start (instrumentation), in another bundle than the actions that catch its errors,
 * so the class there is not the class here.
 */
export function isStripeEmulatorError(error: unknown): error is StripeEmulatorError {
  const e = error as Partial<StripeEmulatorError> | null;
  return error instanceof Error && e?.name === "StripeEmulatorError" && typeof e.status === "number" && typeof e.body?.message === "string";
}

const docUrl = (code: string) => `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`;

/** 404 with `param`, exactly as Stripe words it: "No such customer: 'cus_123'". */
export function resourceMissing(object: string, id: string, param = "id"): StripeEmulatorError {
  return new StripeEmulatorError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${object}: '${id}'`,
    param,
    doc_url: docUrl("resource_missing"),
  });
}

export function invalidRequest(message: string, param?: string, code?: string): StripeEmulatorError {
  return new StripeEmulatorError(400, {
    type: "invalid_request_error",
    message,
    ...(param ? { param } : {}),
    ...(code ? { code, doc_url: docUrl(code) } : {}),
  });
}

export function unknownParameter(param: string): StripeEmulatorError {
  return invalidRequest(`Received unknown parameter: ${param}`, param, "parameter_unknown");
}

export function missingParameter(param: string): StripeEmulatorError {
  return invalidRequest(`Missing required param: ${param}.`, param, "parameter_missing");
}

export function unrecognizedUrl(method: string, path: string): StripeEmulatorError {
  return new StripeEmulatorError(404, {
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${path}). The Stripe emulator implements only the API subset Cairn uses; see docs/decisions/0002-stripe-emulator.md.`,
  });
}

export type Decline = { code: string; decline_code?: string; message: string };

export function cardError(decline: Decline, refs: { charge?: string; paymentIntent?: string } = {}): StripeEmulatorError {
  return new StripeEmulatorError(402, {
    type: "card_error",
    code: decline.code,
    message: decline.message,
    ...(decline.decline_code ? { decline_code: decline.decline_code } : {}),
    ...(refs.charge ? { charge: refs.charge } : {}),
    ...(refs.paymentIntent ? { payment_intent: { id: refs.paymentIntent } } : {}),
    doc_url: docUrl(decline.code),
  });
}
