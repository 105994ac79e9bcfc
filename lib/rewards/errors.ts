export type RedemptionErrorCode =
  | "not_found"
  | "not_available"
  | "tier_locked"
  | "members_only"
  | "limit_reached"
  | "insufficient_points"
  | "sold_out"
  | "booking_closed"
  | "already_cancelled"
  /** A request key already made a redemption of another reward or session (a crafted or stale form). */
  | "key_reused";

/** Why a redemption was refused, in words a member can act on. Nothing was changed. */
export class RedemptionError extends Error {
  constructor(
    readonly code: RedemptionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RedemptionError";
  }
}
