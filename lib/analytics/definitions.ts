/**
 * What each figure on /admin/analytics means, in words for the admin: shown one click away from
 * the figure ("How is this calculated?"). Client-safe. Keep in step with refresh.ts.
 */

export const DEFINITIONS = {
  membersTotal: "People who have signed up (member accounts; admins are not counted), up to the last refresh.",
  newMembers: "Member accounts created in the selected range.",
  paidMembers:
    "Members on a paid plan whose payment stands at the last refresh: recurring subscriptions that are active or past due (Stripe is still retrying the card) and Lifetime purchases that were not refunded or disputed. Trials and memberships an admin granted are not counted.",
  trialing: "Recurring subscriptions still in their free trial at the last refresh. They are not in MRR.",
  mrr: "Monthly recurring revenue at the last refresh: the list price of every paying recurring subscription (active or past due), an annual price counted as a twelfth. Trials, admin grants and Lifetime purchases are excluded. Subscriptions set to cancel at the period end still count until they end.",
  arr: "Annual recurring revenue: MRR × 12.",
  lifetimeRevenue:
    "Lifetime plan purchases made in the range whose payment still stands at the last refresh, at the plan's list price (the app does not store the amount paid, so a referral discount or a later price change is not reflected). Refunded and disputed purchases are left out and counted beside it.",
  trialConversion:
    "Of the free trials that started in the range and have finished (converted, or the trial period is over), the share whose subscription became paying. Trials still running are not counted yet.",
  newPerWeek: "Member accounts created each week (Monday to Sunday, UTC). The first and last weeks may reach outside the range.",
  churn:
    "Per calendar month: recurring subscriptions that ended during the month ÷ paying subscriptions at its start. A subscription counts as paying from its first paid period (trials are not paying) until it ends. Months are whole, so the first and last may reach outside the range.",
  loyalty:
    "Members are customers with an account now; non-members are customers known only from store orders. Orders are store orders that were not fully refunded; revenue is their totals minus refunds. Computed at the last refresh over the 12 months before it and over all time — the date range does not apply.",
  repeatRate: "Customers with two or more orders ÷ customers with at least one, in the period.",
  frequency: "Orders ÷ customers with at least one order, in the period.",
  aov: "Average order value: revenue ÷ orders, in the period.",
  clv: "Customer lifetime value as observed: revenue ÷ customers with at least one order. All time, it is what a buying customer has spent so far; over 12 months, what one spent in the last year.",
  retention:
    "Members grouped by the month they signed up (UTC). A cell is the share of that cohort who, in the nth month after joining (0 = the sign-up month), were active — earned or spent points, or placed an order — or purchased — placed an order that was not fully refunded. Cohorts are the sign-up months the range touches; columns run to the last refresh.",
  holdout:
    "While the holdout runs, each new customer is drawn once, at random, into the control group (with the configured probability) or the treatment group; customers from before it, or from while it was off, are in neither. Control customers get no bonus campaigns (birthday, review and social-share points); purchase points, the welcome bonus, survey thanks and plan bonuses reach everyone.",
  holdoutRate:
    "Per group: customers with two or more orders ÷ customers with at least one, over all time — every order a group member placed came after the draw, so nothing before the experiment is mixed in. Orders fully refunded do not count.",
  holdoutDifference:
    "Treatment's repeat purchase rate minus control's, in percentage points, with a 95% normal-approximation (Wald) interval for the difference of two proportions. The interval is shown only when each group has at least 10 customers who bought again and 10 who bought once; an interval above zero means the campaigns bring customers back.",
  rewardReturn:
    "Members whose first discount redemption (not cancelled) falls in the range, and of them the share who placed an order that was not fully refunded within 30 (or 90) days after redeeming. A member counts for a window only once the window has passed by the last refresh.",
  redemptionRate: "Points spent on rewards (minus points given back when a redemption was cancelled) ÷ points earned, in the range.",
  topRewards: "Rewards by redemptions made in the range, cancelled ones excluded; ties by points spent.",
  fillRate: "Seats booked ÷ seats offered, for experience sessions starting in the range (cancelled sessions excluded). Upcoming sessions count with the bookings they have so far.",
  experiencesByMonth: "Per calendar month of the session's start; months are whole, so the first and last may reach outside the range.",
  noShowRate: "Of the bookings (not cancelled) for sessions in the range that are over, the share without a check-in.",
  referralFunnel:
    "Link clicks, sign-ups through a referral and referred members' first paid memberships, each counted on the day it happened in the range — so the steps are not one cohort followed through, and a step can exceed the one before it in a short range.",
  referralClicks: "Visits to members' referral links (/r/<code>) in the range.",
  referralSignups: "Members who signed up through a referral link or code in the range. Self-referrals blocked by the fraud rules are left out; referrals held for review count.",
  referralPaid: "Referred members whose first paid membership (a Lifetime payment or a first paid invoice, not a trial) qualified the referral in the range, and was not voided since.",
  nps: "Net Promoter Score of the survey answers given in the range, all surveys together: % promoters (9–10) − % detractors (0–6), from −100 to +100. The trend is per calendar month; a month without answers has no score.",
} as const;

export type DefinitionKey = keyof typeof DEFINITIONS;
