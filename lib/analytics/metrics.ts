/**
 * The rows of analytics_daily, by name. Flows count events on the day they happened and are rebuilt
 * in full by every refresh; stocks are a count at the refresh's day, kept day after day.
 * The definitions people read are in definitions.ts.
 */

export const FLOW_METRICS = [
  // members and paid plans
  "new_members",
  "trials_started",
  "trials_decided",
  "trials_converted",
  "paid_starts",
  "paid_ends",
  "lifetime_purchases",
  "lifetime_revenue_cents",
  "lifetime_reversed",
  // points and rewards
  "points_earned",
  "points_redeemed",
  "reward_redemptions",
  "reward_points",
  "reward_return_members",
  "reward_return_matured_30",
  "reward_return_30",
  "reward_return_matured_90",
  "reward_return_90",
  "session_seats",
  "session_booked",
  "session_attendance_due",
  "session_no_shows",
  // referrals
  "referral_clicks",
  "referral_signups",
  "referral_paid",
  // NPS
  "nps_responses",
  "nps_promoters",
  "nps_passives",
  "nps_detractors",
] as const;

/** Per plan (dimension = plan id), at the refresh's day. */
export const STOCK_METRICS = ["paid_members", "trialing_members", "mrr_cents"] as const;

export type FlowMetric = (typeof FLOW_METRICS)[number];
export type StockMetric = (typeof STOCK_METRICS)[number];
export type DailyMetric = FlowMetric | StockMetric;
