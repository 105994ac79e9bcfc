/** An award that cannot be made as asked (unknown rule, a key already used for someone else). */
export class EarningError extends Error {
  constructor(
    message: string,
    readonly code: "unknown_rule" | "key_conflict",
  ) {
    super(message);
    this.name = "EarningError";
  }
}
