import type { ActionErrorCode } from "@/lib/actions/result";
import type { Fixture } from "./support/fixtures";

/**
 * The attack surface, classified by hand and checked against the build (surface.test.ts): every
 * server action in .next/server/server-reference-manifest.json and every exported method of every
 * app/**\/route.ts must have an entry here, and every entry must still exist. A new action or route
 * therefore fails the suite until someone says who may call it — and the access-control and fuzz
 * tests then call it.
 *
 * Guards (DESIGN invariant 7: each action and route authorises itself):
 * - member / admin: a session, and for admin the role (the action factories);
 * - capability: an unguessable token or id in the input is the permission (like a Stripe-hosted page);
 * - signed: an HMAC over the raw body (order API) or Stripe's signature (webhook);
 * - cron: `Authorization: Bearer CRON_SECRET`, or local calls only when it is unset;
 * - public: anyone, with the reason it is safe.
 */

export type Guard = "public" | "member" | "admin" | "capability" | "signed" | "cron";

/** The kind of value a reference field holds, so the fuzz can point it at nothing. */
export type RefKind = "uuid" | "serial" | "userId" | "slug" | "referralCode" | "ticketCode" | "stripeEvent" | "checkoutSession" | "portalSession" | "subscription" | "surveyToken";

export type Probe = {
  /** Says what the call tries, in the test name. */
  what: string;
  caller: "anonymous" | "attacker";
  input: (f: Fixture) => Record<string, unknown>;
  refusedWith: readonly ActionErrorCode[];
};

export type ActionSpec = {
  guard: Guard;
  /** Why a public or capability action is safe to expose, or why a member action has no other member to aim at. */
  why?: string;
  /**
   * A well-formed input. For member actions with `foreign`, it names the victim's data; admin
   * actions name the victim too. Public and own-data actions get the caller's own.
   */
  input: (f: Fixture) => Record<string, unknown>;
  /** Member actions whose input names a record: the attacker names the victim's, and is refused with one of these. */
  foreign?: readonly ActionErrorCode[];
  /** Capability and public actions: calls that must be refused. */
  probes?: readonly Probe[];
  /** Keys the schema requires: the fuzz drops one of them, so no generated input can be valid. */
  required: readonly string[];
  /** Reference fields the fuzz points at records that do not exist (the action must say "not found", not fail). */
  refs?: Readonly<Record<string, RefKind>>;
  /**
   * Fuzz callers instead of the ones the guard implies (member: anonymous and a member; admin: also
   * an admin), and whether every call must come back refused ("any": a result is fine, but never a
   * 5xx or an internal error).
   */
  fuzz?: { callers?: readonly ("anonymous" | "attacker" | "admin")[]; outcome?: "refused" | "any" };
};

const reason = "Security tier probe";
const uuid0 = "00000000-0000-4000-8000-000000000000";

/** `lib/<file>.ts#<export>` as the build manifest names them. */
export const ACTIONS: Record<string, ActionSpec> = {
  // ── members: own data only ──
  "lib/earning/birthday-actions.ts#setBirthdayAction": {
    guard: "member",
    why: "sets the caller's own birthday (ctx.user); no member id in its input",
    input: () => ({ month: 5, day: 17 }),
    required: ["month", "day"],
  },
  "lib/earning/claim-actions.ts#submitClaimAction": {
    guard: "member",
    why: "files a claim for the caller's own customer record",
    input: () => ({ ruleId: "review", url: "https://reviews.example/attacker" }),
    required: ["ruleId", "url"],
  },
  "lib/billing/actions.ts#startCheckoutAction": {
    guard: "member",
    why: "starts a checkout for the caller (client_reference_id = ctx.user.id)",
    input: (f) => ({ planId: f.catalog.planId }),
    required: ["planId"],
    refs: { planId: "slug" },
  },
  "lib/billing/actions.ts#openBillingPortalAction": {
    guard: "member",
    why: "opens the portal of the caller's own Stripe customer; takes no input",
    input: () => ({}),
    required: [],
  },
  "lib/referrals-ui/actions.ts#setVanityCodeAction": {
    guard: "member",
    why: "sets the caller's own vanity code",
    input: () => ({ code: "ASH-HIKES" }),
    required: ["code"],
  },
  "lib/referrals-ui/actions.ts#applyReferralCodeAction": {
    guard: "member",
    why: "records a referral of the caller by a code (codes are shared on purpose)",
    input: () => ({ code: "VICTIM1" }),
    required: ["code"],
    refs: { code: "referralCode" },
  },
  "lib/rewards/actions.ts#redeemRewardAction": {
    guard: "member",
    why: "spends the caller's own points",
    input: (f) => ({ rewardId: f.catalog.experienceRewardId, sessionId: f.catalog.openSessionId, requestKey: crypto.randomUUID() }),
    required: ["rewardId", "requestKey"],
    refs: { rewardId: "uuid", sessionId: "uuid" },
  },
  "lib/rewards/actions.ts#joinWaitlistAction": {
    guard: "member",
    why: "puts the caller on a session's waitlist",
    input: (f) => ({ sessionId: f.catalog.openSessionId }),
    required: ["sessionId"],
    refs: { sessionId: "uuid" },
  },
  "lib/rewards/draw-actions.ts#enterDrawAction": {
    guard: "member",
    why: "enters the caller in a session's draw",
    input: (f) => ({ sessionId: f.catalog.drawSessionId }),
    required: ["sessionId"],
    refs: { sessionId: "uuid" },
  },

  // ── members: records that belong to someone (the attacker names the victim's) ──
  "lib/rewards/actions.ts#cancelBookingAction": {
    guard: "member",
    input: (f) => ({ redemptionId: f.victimData.bookingId }),
    foreign: ["not_found"],
    required: ["redemptionId"],
    refs: { redemptionId: "uuid" },
  },
  "lib/rewards/actions.ts#leaveWaitlistAction": {
    guard: "member",
    input: (f) => ({ entryId: f.victimData.waitingEntryId }),
    foreign: ["not_found"],
    required: ["entryId"],
    refs: { entryId: "serial" },
  },
  "lib/rewards/actions.ts#acceptOfferAction": {
    guard: "member",
    input: (f) => ({ entryId: f.victimData.offeredEntryId }),
    foreign: ["not_found"],
    required: ["entryId"],
    refs: { entryId: "serial" },
  },
  "lib/surveys/actions.ts#answerSurveyAction": {
    guard: "member",
    input: (f) => ({ invitationId: f.victimData.invitationId, score: 10, comment: "answered by someone else" }),
    foreign: ["not_found"],
    required: ["invitationId", "score"],
    refs: { invitationId: "uuid" },
  },

  // ── public and capability ──
  "lib/auth/actions.ts#requestSignInLink": {
    guard: "public",
    why: "anyone may ask for a sign-in email: limited per address and per IP, answered alike for known and unknown addresses (sign-in.test.ts)",
    input: () => ({ email: "someone@security.test" }),
    required: ["email"],
    fuzz: { callers: ["anonymous"] },
  },
  "lib/auth/actions.ts#signOutAction": {
    guard: "public",
    why: "ends the caller's own session, whoever calls; takes no input",
    input: () => ({}),
    required: [],
    fuzz: { callers: ["anonymous"], outcome: "any" },
  },
  "lib/surveys/actions.ts#answerSurveyByTokenAction": {
    guard: "capability",
    why: "the 43-character token from the survey email answers exactly its own invitation",
    input: (f) => ({ token: f.victimData.surveyToken, score: 10 }),
    probes: [
      { what: "a token that was never issued", caller: "anonymous", input: () => ({ token: "A".repeat(43), score: 10 }), refusedWith: ["not_found"] },
      { what: "the victim's invitation id instead of its token", caller: "attacker", input: (f) => ({ token: f.victimData.invitationId, score: 10 }), refusedWith: ["invalid_input", "not_found"] },
    ],
    required: ["token", "score"],
    refs: { token: "surveyToken" },
    fuzz: { callers: ["anonymous", "attacker"] },
  },
  "lib/billing/dev-actions.ts#payHostedCheckoutAction": {
    guard: "capability",
    why: "embedded test mode only: the emulator's hosted checkout, where the unguessable session id is the permission (as on Stripe)",
    input: () => ({ sessionId: "cs_doesnotexist0000", cardNumber: "4242 4242 4242 4242", expiry: "12 / 34", cvc: "123" }),
    probes: [
      { what: "a checkout session that does not exist", caller: "anonymous", input: () => ({ sessionId: "cs_doesnotexist0000", cardNumber: "4242424242424242", expiry: "12 / 34", cvc: "123" }), refusedWith: ["failed", "not_found"] },
    ],
    required: ["sessionId", "cardNumber", "expiry", "cvc"],
    refs: { sessionId: "checkoutSession" },
    fuzz: { callers: ["anonymous"] },
  },
  "lib/billing/dev-actions.ts#portalCancelAction": {
    guard: "capability",
    why: "embedded test mode only: the emulator's billing portal; the portal session id is the permission and covers its own customer's subscriptions only",
    input: (f) => ({ portalId: f.attackerData.portalId, subscriptionId: f.victimData.subscriptionId }),
    probes: [
      { what: "the attacker's portal on the victim's subscription", caller: "attacker", input: (f) => ({ portalId: f.attackerData.portalId, subscriptionId: f.victimData.subscriptionId }), refusedWith: ["failed"] },
      { what: "a portal session that does not exist", caller: "anonymous", input: (f) => ({ portalId: "bps_doesnotexist0000", subscriptionId: f.victimData.subscriptionId }), refusedWith: ["failed"] },
    ],
    required: ["portalId", "subscriptionId"],
    refs: { portalId: "portalSession", subscriptionId: "subscription" },
    fuzz: { callers: ["anonymous"] },
  },
  "lib/billing/dev-actions.ts#portalResumeAction": {
    guard: "capability",
    why: "as portalCancelAction",
    input: (f) => ({ portalId: f.attackerData.portalId, subscriptionId: f.victimData.subscriptionId }),
    probes: [
      { what: "the attacker's portal on the victim's subscription", caller: "attacker", input: (f) => ({ portalId: f.attackerData.portalId, subscriptionId: f.victimData.subscriptionId }), refusedWith: ["failed"] },
    ],
    required: ["portalId", "subscriptionId"],
    refs: { portalId: "portalSession", subscriptionId: "subscription" },
    fuzz: { callers: ["anonymous"] },
  },
  "lib/billing/dev-actions.ts#portalUpdateCardAction": {
    guard: "capability",
    why: "as portalCancelAction: the card goes to the portal session's own customer",
    input: () => ({ portalId: "bps_doesnotexist0000", cardNumber: "4242 4242 4242 4242" }),
    probes: [
      { what: "a portal session that does not exist", caller: "anonymous", input: () => ({ portalId: "bps_doesnotexist0000", cardNumber: "4242 4242 4242 4242" }), refusedWith: ["failed"] },
    ],
    required: ["portalId", "cardNumber"],
    refs: { portalId: "portalSession" },
    fuzz: { callers: ["anonymous"] },
  },
  "lib/billing/dev-actions.ts#advanceClockAction": {
    guard: "public",
    why: "embedded test mode only (refused when STRIPE_SECRET_KEY is set): moves the emulator's test clock, as the Stripe dashboard's test clocks do",
    input: () => ({ days: 0, months: 0 }),
    required: [],
    fuzz: { callers: ["anonymous"] },
  },

  // ── admins ──
  "lib/admin/members/actions.ts#adjustPointsAction": {
    guard: "admin",
    input: (f) => ({ customerId: f.victim.customerId, points: 100_000, reasonCode: "goodwill", note: "free points", idempotencyKey: crypto.randomUUID() }),
    required: ["customerId", "points", "reasonCode", "note", "idempotencyKey"],
    refs: { customerId: "uuid" },
  },
  "lib/admin/members/actions.ts#grantCompMembershipAction": {
    guard: "admin",
    input: (f) => ({ userId: f.attacker.userId, planId: f.catalog.planId, until: "2099-12-31", reason }),
    required: ["userId", "planId", "until", "reason"],
    refs: { userId: "userId" },
  },
  "lib/admin/members/actions.ts#revokeCompMembershipAction": {
    guard: "admin",
    input: (f) => ({ membershipId: f.victimData.membershipId, reason }),
    required: ["membershipId", "reason"],
    refs: { membershipId: "uuid" },
  },
  "lib/admin/members/actions.ts#sendSignInLinkAction": {
    guard: "admin",
    input: (f) => ({ userId: f.victim.userId }),
    required: ["userId"],
    refs: { userId: "userId" },
  },
  "lib/analytics/actions.ts#updateHoldoutAction": {
    guard: "admin",
    input: () => ({ sharePercent: 50, reason }),
    required: ["sharePercent", "reason"],
  },
  "lib/analytics/actions.ts#refreshAnalyticsAction": { guard: "admin", input: () => ({}), required: [] },
  "lib/billing/admin-actions.ts#updatePlanAction": {
    guard: "admin",
    input: (f) => ({ id: f.catalog.planId, name: "Free forever", price: "0.50", interval: "year", trialDays: "0", earnMultiplier: "10", percentBack: "100", minTier: "none", referralDiscountPercent: "100", bonusPoints: "1000000", active: "on", reason }),
    required: ["id", "name", "reason"],
    refs: { id: "slug" },
  },
  "lib/billing/admin-actions.ts#syncPlansAction": { guard: "admin", input: () => ({}), required: [] },
  "lib/billing/admin-actions.ts#syncPlanAction": {
    guard: "admin",
    input: (f) => ({ id: f.catalog.planId }),
    required: ["id"],
    refs: { id: "slug" },
  },
  "lib/earning/claim-actions.ts#decideClaimAction": {
    guard: "admin",
    input: (f) => ({ claimId: f.victimData.claimId, decision: "reject", reason }),
    required: ["claimId", "decision", "reason"],
    refs: { claimId: "uuid" },
  },
  "lib/operations/actions.ts#retryStripeEventAction": {
    guard: "admin",
    input: (f) => ({ eventId: f.catalog.stripeEventId, reason }),
    required: ["eventId", "reason"],
    refs: { eventId: "stripeEvent" },
  },
  "lib/operations/actions.ts#resendEmailAction": {
    guard: "admin",
    input: (f) => ({ id: f.catalog.emailId, reason }),
    required: ["id", "reason"],
    refs: { id: "uuid" },
  },
  "lib/email/actions.ts#retryEmailAction": {
    guard: "admin",
    input: (f) => ({ emailId: f.catalog.failedEmailId }),
    required: ["emailId"],
    refs: { emailId: "uuid" },
  },
  "lib/orders/actions.ts#createIntegrationAction": {
    guard: "admin",
    input: () => ({ name: "Attacker's shop" }),
    required: ["name"],
  },
  "lib/orders/actions.ts#revokeIntegrationAction": {
    guard: "admin",
    input: (f) => ({ id: f.integration.id, reason }),
    required: ["id"],
    refs: { id: "uuid" },
  },
  "lib/orders/actions.ts#importOrdersAction": {
    guard: "admin",
    input: (f) => ({ integrationId: f.integration.id, file: "externalId,email,currency,totalCents,qualifyingCents,placedAt\n" }),
    required: ["integrationId", "file"],
    refs: { integrationId: "uuid" },
  },
  "lib/referrals-ui/actions.ts#decideReferralAction": {
    guard: "admin",
    input: (f) => ({ id: f.victimData.referralId, approve: "false", reason }),
    required: ["id", "approve", "reason"],
    refs: { id: "uuid" },
  },
  "lib/referrals-ui/actions.ts#updateReferralSettingsAction": {
    guard: "admin",
    input: () => ({ rewardPoints: 1_000_000, refereeReward: "points", refereeDiscountPercent: 100, refereeBonusPoints: 100_000, windowDays: 365, touch: "first", holdDays: 0, weeklyIpLimit: 10_000, burstPerHour: 10_000, reason }),
    required: ["rewardPoints", "refereeReward", "touch", "reason"],
  },
  "lib/rewards/admin-actions.ts#createRewardAction": {
    guard: "admin",
    input: () => ({ title: "Free money", kind: "product", status: "active", pointsCost: "1", reason }),
    required: ["title", "kind", "pointsCost"],
  },
  "lib/rewards/admin-actions.ts#updateRewardAction": {
    guard: "admin",
    input: (f) => ({ id: f.catalog.productRewardId, title: "Trail bottle", kind: "product", status: "active", pointsCost: "1", reason }),
    required: ["id", "title", "kind", "pointsCost", "reason"],
    refs: { id: "uuid" },
  },
  "lib/rewards/admin-actions.ts#archiveRewardAction": {
    guard: "admin",
    input: (f) => ({ id: f.catalog.productRewardId, reason }),
    required: ["id", "reason"],
    refs: { id: "uuid" },
  },
  "lib/rewards/admin-actions.ts#createSessionAction": {
    guard: "admin",
    input: (f) => ({ rewardId: f.catalog.experienceRewardId, startsAt: "2099-06-01T09:00", endsAt: "2099-06-01T11:00", timeZone: "UTC", location: "Anywhere", capacity: "5", perMemberLimit: "1", cutoffHours: "1", mode: "first_come", reason }),
    required: ["rewardId", "startsAt", "endsAt", "timeZone"],
    refs: { rewardId: "uuid" },
  },
  "lib/rewards/admin-actions.ts#updateSessionAction": {
    guard: "admin",
    input: (f) => ({ id: f.catalog.openSessionId, rewardId: f.catalog.experienceRewardId, startsAt: "2099-06-01T09:00", endsAt: "2099-06-01T11:00", timeZone: "UTC", location: "Anywhere", capacity: "8", perMemberLimit: "1", cutoffHours: "1", mode: "first_come", reason }),
    required: ["id", "rewardId", "startsAt", "endsAt", "timeZone", "reason"],
    refs: { id: "uuid" },
  },
  "lib/rewards/admin-actions.ts#cancelDraftSessionAction": {
    guard: "admin",
    input: (f) => ({ id: f.catalog.openSessionId, reason }),
    required: ["id", "reason"],
    refs: { id: "uuid" },
  },
  "lib/rewards/draw-actions.ts#runDrawAction": {
    guard: "admin",
    input: (f) => ({ sessionId: f.catalog.drawSessionId }),
    required: ["sessionId"],
    refs: { sessionId: "uuid" },
  },
  "lib/rewards/operations-actions.ts#checkInAction": {
    guard: "admin",
    input: (f) => ({ code: f.victimData.ticketCode }),
    required: ["code"],
    refs: { code: "ticketCode" },
    // The door screen shows every outcome, so an unknown code is a result (ok, status "not_found").
    fuzz: { outcome: "any" },
  },
  "lib/rewards/operations-actions.ts#cancelSessionAction": {
    guard: "admin",
    input: (f) => ({ sessionId: f.catalog.openSessionId, reason }),
    required: ["sessionId", "reason"],
    refs: { sessionId: "uuid" },
  },
  "lib/rewards/operations-actions.ts#markShippedAction": {
    guard: "admin",
    input: (f) => ({ redemptionId: f.victimData.productRedemptionId, trackingNumber: "1Z999" }),
    required: ["redemptionId", "trackingNumber"],
    refs: { redemptionId: "uuid" },
  },
  "lib/rewards/operations-actions.ts#markFulfilledAction": {
    guard: "admin",
    input: (f) => ({ redemptionId: f.victimData.productRedemptionId }),
    required: ["redemptionId"],
    refs: { redemptionId: "uuid" },
  },
  "lib/rewards/operations-actions.ts#cancelFulfilmentAction": {
    guard: "admin",
    input: (f) => ({ redemptionId: f.victimData.productRedemptionId, reason }),
    required: ["redemptionId", "reason"],
    refs: { redemptionId: "uuid" },
  },
  "lib/settings-admin/actions.ts#updateEarningRuleAction": {
    guard: "admin",
    input: () => ({ id: "review", name: "Product review", active: "on", points: "100000", holdDays: "0", reason }),
    required: ["id", "name", "reason"],
  },
  "lib/settings-admin/actions.ts#updateTiersAction": {
    guard: "admin",
    input: () => ({ metric: "points", graceDays: "0", reason }),
    required: ["metric", "reason"],
  },
  "lib/settings-admin/actions.ts#updatePointsPolicyAction": {
    guard: "admin",
    input: () => ({ expires: "never", pointValueCents: "100", reason }),
    required: ["expires", "pointValueCents", "reason"],
  },
  "lib/settings-admin/actions.ts#updateBrandAction": {
    guard: "admin",
    input: () => ({ programName: "Pwned", currency: "USD", primaryColor: "#186355", reason }),
    required: ["programName", "currency", "primaryColor"],
  },
  "lib/surveys/actions.ts#createSurveyAction": {
    guard: "admin",
    input: () => ({ name: "Probe", question: "How likely are you to recommend us?", trigger: "after_joining", delayDays: "0", active: "on" }),
    required: ["name", "question", "trigger", "delayDays"],
  },
  "lib/surveys/actions.ts#updateSurveyAction": {
    guard: "admin",
    input: (f) => ({ id: f.catalog.surveyId, name: "Probe", question: "How likely are you to recommend us?", trigger: "after_joining", delayDays: "0", active: "on", reason }),
    required: ["id", "name", "question", "trigger", "delayDays", "reason"],
    refs: { id: "uuid" },
  },
  "lib/tiers/actions.ts#setManualFloorAction": {
    guard: "admin",
    input: (f) => ({ customerId: f.attacker.customerId, tierId: "platinum", until: "2099-12-31", reason }),
    required: ["customerId", "tierId", "reason"],
    refs: { customerId: "uuid" },
  },
};

// ───────────────────────────── route handlers ─────────────────────────────

export type RouteRequest = { path: string; method: string; headers?: Record<string, string>; body?: string; caller?: "anonymous" | "attacker" };
export type RouteProbe = { what: string; request: (f: Fixture) => RouteRequest; refusedWith: readonly number[] };
export type RouteSpec = { guard: Guard; why?: string; probes: readonly RouteProbe[] };

const adminCsv = (path: (f: Fixture) => string, anonymous: readonly number[]): RouteSpec => ({
  guard: "admin",
  why: "a download of program data; reads only",
  probes: [
    { what: "anonymous", request: (f) => ({ method: "GET", path: path(f) }), refusedWith: anonymous },
    { what: "a member", request: (f) => ({ method: "GET", path: path(f), caller: "attacker" }), refusedWith: [403] },
  ],
});

const signedApi = (path: (f: Fixture) => string): RouteSpec => ({
  guard: "signed",
  why: "the integration's HMAC-SHA256 over `timestamp.body` (docs/order-api.md); no session, so no CSRF exposure",
  probes: [
    { what: "unsigned", request: (f) => ({ method: "POST", path: path(f), headers: { "content-type": "application/json" }, body: "{}" }), refusedWith: [401] },
    { what: "unsigned, from a member's browser session", request: (f) => ({ method: "POST", path: path(f), headers: { "content-type": "application/json" }, body: "{}", caller: "attacker" }), refusedWith: [401] },
    {
      what: "signed with the wrong secret",
      request: (f) => ({ method: "POST", path: path(f), headers: { "content-type": "application/json", "Cairn-Integration": f.integration.id, "Cairn-Timestamp": String(Math.floor(Date.now() / 1000)), "Cairn-Signature": `v1=${"0".repeat(64)}` }, body: "{}" }),
      refusedWith: [401],
    },
  ],
});

const cronRoute = (path: string): RouteSpec => ({
  guard: "cron",
  why: "Bearer CRON_SECRET; without one (embedded mode) local calls only",
  probes: [
    { what: "from another machine (X-Forwarded-For)", request: () => ({ method: "POST", path, headers: { "x-forwarded-for": "203.0.113.9" } }), refusedWith: [401] },
    { what: "through a proxy (Forwarded)", request: () => ({ method: "GET", path, headers: { forwarded: "for=203.0.113.9" } }), refusedWith: [401] },
    { what: "from a member's browser session, forwarded", request: () => ({ method: "GET", path, headers: { "x-forwarded-for": "198.51.100.7" }, caller: "attacker" }), refusedWith: [401] },
  ],
});

/** `app/<path>/route.ts` → exported method → spec. */
export const ROUTES: Record<string, Record<string, RouteSpec>> = {
  "app/admin/accounting/breakage.csv/route.ts": { GET: adminCsv(() => "/admin/accounting/breakage.csv", [307]) },
  "app/admin/accounting/expiry.csv/route.ts": { GET: adminCsv(() => "/admin/accounting/expiry.csv", [307]) },
  "app/admin/accounting/liability.csv/route.ts": { GET: adminCsv(() => "/admin/accounting/liability.csv", [307]) },
  "app/admin/accounting/rollforward.csv/route.ts": { GET: adminCsv(() => "/admin/accounting/rollforward.csv", [307]) },
  "app/admin/analytics/csv/[table]/route.ts": { GET: adminCsv(() => "/admin/analytics/csv/membership", [307]) },
  "app/admin/operations/exports/[kind]/route.ts": { GET: adminCsv(() => "/admin/operations/exports/members", [401]) },
  "app/admin/sessions/[id]/attendees.csv/route.ts": { GET: adminCsv((f) => `/admin/sessions/${f.catalog.openSessionId}/attendees.csv`, [401]) },
  "app/admin/surveys/[id]/responses.csv/route.ts": { GET: adminCsv((f) => `/admin/surveys/${f.catalog.surveyId}/responses.csv`, [401]) },
  "app/api/auth/[...nextauth]/route.ts": {
    GET: {
      guard: "public",
      why: "Auth.js: session, CSRF token and providers read; the callback consumes a one-time emailed token (sign-in.test.ts)",
      probes: [
        { what: "the email callback with a forged token", request: (f) => ({ method: "GET", path: `/api/auth/callback/resend?token=${"b".repeat(64)}&email=${encodeURIComponent(f.victim.email)}` }), refusedWith: [302] },
      ],
    },
    POST: {
      guard: "public",
      why: "Auth.js's own double-submit CSRF token guards sign-out and session updates; its sign-in endpoint is closed (sign-in goes through the rate-limited action)",
      probes: [
        { what: "a sign-in email straight from Auth.js (would skip the rate limits)", request: (f) => ({ method: "POST", path: "/api/auth/signin/resend", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `email=${encodeURIComponent(f.victim.email)}` }), refusedWith: [404] },
        { what: "sign-out without Auth.js's CSRF token", request: () => ({ method: "POST", path: "/api/auth/signout", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" }, body: "callbackUrl=/", caller: "attacker" }), refusedWith: [302] },
      ],
    },
  },
  "app/api/cron/billing-reconcile/route.ts": { GET: cronRoute("/api/cron/billing-reconcile"), POST: cronRoute("/api/cron/billing-reconcile") },
  "app/api/cron/daily/route.ts": { GET: cronRoute("/api/cron/daily"), POST: cronRoute("/api/cron/daily") },
  "app/api/cron/email/route.ts": { GET: cronRoute("/api/cron/email"), POST: cronRoute("/api/cron/email") },
  "app/api/rewards/images/[id]/route.ts": {
    GET: { guard: "public", why: "reward images are shown to visitors in the catalog; reads only", probes: [{ what: "an image that does not exist", request: () => ({ method: "GET", path: `/api/rewards/images/${uuid0}` }), refusedWith: [404] }] },
  },
  "app/api/stripe/webhook/route.ts": {
    POST: {
      guard: "signed",
      why: "Stripe's signature over the raw body, 300 s tolerance; no session, so no CSRF exposure",
      probes: [
        { what: "unsigned", request: () => ({ method: "POST", path: "/api/stripe/webhook", headers: { "content-type": "application/json" }, body: "{}" }), refusedWith: [400] },
        { what: "a forged signature", request: () => ({ method: "POST", path: "/api/stripe/webhook", headers: { "content-type": "application/json", "stripe-signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` }, body: '{"id":"evt_forged","type":"invoice.paid"}' }), refusedWith: [400] },
      ],
    },
  },
  "app/api/v1/events/route.ts": { POST: signedApi(() => "/api/v1/events") },
  "app/api/v1/orders/[externalId]/refunds/route.ts": { POST: signedApi(() => "/api/v1/orders/1001/refunds") },
  "app/api/v1/orders/route.ts": { POST: signedApi(() => "/api/v1/orders") },
};

/** The proxy answers before routing (proxy.ts); its matchers are part of the surface too. */
export const PROXY_MATCHERS: Record<string, { guard: Guard; why: string }> = {
  // /r/<code> is a next.config redirect (decision 0016): no code of ours runs for it.
  "/pricing": { guard: "public", why: "the landing of a referral link (?ref=, GET document requests only): it sets a first-party cookie and counts the visit (fuzzed in fuzz.test.ts)" },
};
