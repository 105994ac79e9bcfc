/**
 * A refusal of the order API with the HTTP status it maps to and the field at fault, so the shop's
 * developer reads `{ error, field }` and knows what to fix. Nothing is written when one is thrown.
 */
export class OrderApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 413 | 422,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "OrderApiError";
  }
}
