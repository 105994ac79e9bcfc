/** Spending more than is available: refused, with the figure a person can act on. */
export class InsufficientPointsError extends Error {
  constructor(
    readonly available: number,
    readonly requested: number,
  ) {
    super(`Not enough points: ${available.toLocaleString("en-US")} available, ${requested.toLocaleString("en-US")} needed.`);
    this.name = "InsufficientPointsError";
  }
}

/** A posting that makes no sense (zero points, unknown lot, wrong state): a programming error or bad input. */
export class LedgerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LedgerError";
  }
}
