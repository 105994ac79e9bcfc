import { and, count, eq } from "drizzle-orm";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import {
  analyticsDaily,
  analyticsRefreshes,
  auditLog,
  customers,
  earningRules,
  experienceSessions,
  integrations,
  membershipHistory,
  memberships,
  orders,
  plans,
  pointPostings,
  redemptions,
  referralClicks,
  referralCodes,
  referrals,
  rewards,
  settings,
  surveyInvitations,
  surveys,
  tickets,
  tiers,
  users,
  type MembershipStatus,
  type NewPlan,
} from "@/db/schema";
import { DEFAULT_EARNING_RULES, DEFAULT_TIERS } from "@/db/seed-program";
import type { CurrentUser } from "@/lib/auth/guards";
import { parseCsv } from "@/lib/orders/csv";
import { parseDateRange, type DateRange } from "@/lib/reports/date-range";

// The session is the input of actions, routes and the page: each case decides who is calling.
// requireAdmin stands in for the page guard (the real one redirects visitors and answers 403 to members).
let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({
  getCurrentUser: async () => caller,
  requireAdmin: async () => {
    if (!caller) throw new Error("redirect to sign-in");
    if (caller.role !== "admin") throw new Error("forbidden");
    return caller;
  },
}));
// revalidatePath needs Next's request store; the tests call the actions directly.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));

const { refreshAnalytics } = await import("@/lib/analytics/views");
const { loadMembership } = await import("@/lib/analytics/membership");
const { loadLoyalty } = await import("@/lib/analytics/loyalty");
const { loadRetention } = await import("@/lib/analytics/retention");
const { loadIncrementality } = await import("@/lib/analytics/incrementality");
const { loadRewardReturn } = await import("@/lib/analytics/reward-return");
const { loadRewards } = await import("@/lib/analytics/rewards");
const { loadReferralFunnel } = await import("@/lib/analytics/referral-funnel");
const { loadNps } = await import("@/lib/analytics/nps");
const { TABLE_IDS } = await import("@/lib/analytics/tables");
const { getHoldoutSettings, updateHoldoutSettings } = await import("@/lib/analytics/holdout");
const { updateHoldoutAction, refreshAnalyticsAction } = await import("@/lib/analytics/actions");
const { awardBirthday, awardRule, awardSignup } = await import("@/lib/earning/award-rule");
const { getOrCreateCustomer } = await import("@/lib/ledger/customers");
const { GET } = await import("@/app/admin/analytics/csv/[table]/route");

/** The refresh's moment: noon UTC on Monday 15 June 2026. */
const NOW = new Date("2026-06-15T12:00:00Z");
const at = (day: string, time = "10:00:00") => new Date(`${day}T${time}Z`);
const range = (from: string, to: string): DateRange => {
  const parsed = parseDateRange({ from, to });
  if (!parsed.ok) throw new Error(`bad range ${from}..${to}`);
  return parsed.range;
};
/** The range every figure below is read over: 1 January to 15 June 2026. */
const H1 = range("2026-01-01", "2026-06-15");

const benefits = { earnMultiplier: 1, percentBack: 0, minTier: null, memberOnlyRewards: false, referralDiscountPercent: 0, bonusPoints: 0 };
const PLANS: NewPlan[] = [
  { id: "t_free", name: "Free", kind: "free", priceCents: 0, benefits, sortOrder: 0 },
  { id: "t_lifetime", name: "Lifetime", kind: "one_time", priceCents: 30000, benefits, sortOrder: 1 },
  { id: "t_monthly", name: "Monthly", kind: "recurring", interval: "month", priceCents: 1000, benefits, sortOrder: 2 },
  { id: "t_annual", name: "Annual", kind: "recurring", interval: "year", priceCents: 12000, benefits, sortOrder: 3 },
];

let seq = 0;
const next = (prefix: string) => `${prefix}-${++seq}`;

async function user(email: string, createdAt: Date, role: "member" | "admin" = "member") {
  const [row] = await db.insert(users).values({ email, name: email.split("@")[0], role, createdAt }).returning();
  return row;
}

async function customer(email: string, createdAt: Date, userId: string | null = null, experimentGroup: "control" | "treatment" | null = null) {
  const [row] = await db.insert(customers).values({ email, userId, createdAt, experimentGroup }).returning();
  return row;
}

/** A membership with its status timeline: [status, day] pairs, oldest first; the last is its status now. */
async function membership(userId: string, planId: string, timeline: [MembershipStatus, string][], extra: { trialEnd?: string; endedAt?: string; source?: "stripe" | "admin_grant" } = {}) {
  const [m] = await db
    .insert(memberships)
    .values({
      userId,
      planId,
      status: timeline.at(-1)![0],
      source: extra.source ?? "stripe",
      startedAt: at(timeline[0][1]),
      trialEnd: extra.trialEnd ? at(extra.trialEnd) : null,
      endedAt: extra.endedAt ? at(extra.endedAt) : null,
    })
    .returning();
  let from: MembershipStatus | null = null;
  for (const [status, day] of timeline) {
    await db.insert(membershipHistory).values({ membershipId: m.id, fromStatus: from, toStatus: status, reason: "test", createdAt: at(day) });
    from = status;
  }
  return m;
}

let integrationId = "";
async function order(customerId: string, day: string, totalCents: number, refundedCents = 0) {
  await db.insert(orders).values({ integrationId, externalId: next("o"), customerId, currency: "USD", totalCents, qualifyingCents: totalCents, refundedCents, placedAt: at(day) });
}

// Plain postings stand in for the ledger's (the analytics count postings, not their entries).
async function posting(customerId: string, kind: "earn" | "redeem" | "refund" | "expire", points: number, day: string) {
  await db.insert(pointPostings).values({ key: next("analytics-test"), kind, customerId, reason: kind, memo: kind, points, createdAt: at(day) });
}

async function redemption(customerId: string, rewardId: string, day: string, pointsCost: number, status: "pending" | "fulfilled" | "cancelled" = "pending", sessionId: string | null = null) {
  const [row] = await db.insert(redemptions).values({ customerId, rewardId, sessionId, status, pointsCost, createdAt: at(day) }).returning();
  return row;
}

/**
 * The hand-built program. Every figure asserted below is worked out by hand from this list.
 *
 * Members (users, role member) and their customers:
 *   U6 2025-12-20 · U1 2026-01-05 · U2 2026-01-06 · U3 2026-01-20 · U4 2026-02-10 · U5 2026-03-03
 *   (an admin signed up 2026-01-07 and U7 on 2026-06-20, after the refresh: neither counts)
 *   Non-members (store customers only): N1, N2, N3.
 *   Holdout groups: treatment C1, N1 · control C3, N2, N3 · everyone else none.
 *
 * Memberships (Stripe unless said): plans Monthly $10/mo, Annual $120/yr, Lifetime $300.
 *   M1 U1 Monthly: trial 01-05, paying from 01-19 (trial ends 01-19), active
 *   M2 U2 Monthly: trial 01-06, cancelled when it ended 01-20 (never paid)
 *   M3 U3 Annual: paying from 01-20, active
 *   M4 U4 Monthly: paying from 02-10, ended 04-10
 *   M5 U5 Monthly: trial 06-05 → 06-19, still trialing at the refresh
 *   M6 U6 Lifetime 2025-12-20 active · M7 U1 Lifetime 03-01 active · M8 U2 Lifetime 03-10 refunded
 *   M9 U3 Monthly granted by an admin (no revenue) · M10 U6 Monthly paying since 2025-11-01, past due
 *
 * Orders (net = total − refunded; fully refunded orders do not count):
 *   C1: 2025-03-01 $40 · 2026-02-01 $100 · 2026-03-15 $50 with $10 refunded
 *   C2: 2026-04-15 $25 · 2026-05-01 $20 fully refunded
 *   C3: 2026-04-01 $60 · C6: 2025-01-10 $80
 *   N1: 2026-01-10 $30 · 2026-01-20 $30 · N2: 2026-02-02 $50 (and 2026-07-01 $99.99, after the refresh)
 */
async function buildProgram() {
  await db.insert(plans).values(PLANS);
  const [integration] = await db.insert(integrations).values({ name: "Test shop", secretHash: "x", secretPrefix: "x" }).returning();
  integrationId = integration.id;

  const u6 = await user("u6@example.com", at("2025-12-20"));
  const u1 = await user("u1@example.com", at("2026-01-05"));
  const u2 = await user("u2@example.com", at("2026-01-06"));
  const u3 = await user("u3@example.com", at("2026-01-20"));
  const u4 = await user("u4@example.com", at("2026-02-10"));
  const u5 = await user("u5@example.com", at("2026-03-03"));
  await user("staff@example.com", at("2026-01-07"), "admin");
  await user("u7@example.com", at("2026-06-20"));

  const c1 = await customer(u1.email, at("2026-01-05"), u1.id, "treatment");
  const c2 = await customer(u2.email, at("2026-01-06"), u2.id);
  const c3 = await customer(u3.email, at("2026-01-20"), u3.id, "control");
  const c4 = await customer(u4.email, at("2026-02-10"), u4.id);
  const c5 = await customer(u5.email, at("2026-03-03"), u5.id);
  const c6 = await customer(u6.email, at("2024-12-01"), u6.id);
  const n1 = await customer("n1@example.com", at("2026-01-10"), null, "treatment");
  const n2 = await customer("n2@example.com", at("2026-02-02"), null, "control");
  await customer("n3@example.com", at("2026-03-01"), null, "control");

  await membership(u1.id, "t_monthly", [["trialing", "2026-01-05"], ["active", "2026-01-19"]], { trialEnd: "2026-01-19" });
  await membership(u2.id, "t_monthly", [["trialing", "2026-01-06"], ["canceled", "2026-01-20"]], { trialEnd: "2026-01-20", endedAt: "2026-01-20" });
  await membership(u3.id, "t_annual", [["active", "2026-01-20"]]);
  await membership(u4.id, "t_monthly", [["active", "2026-02-10"], ["canceled", "2026-04-10"]], { endedAt: "2026-04-10" });
  await membership(u5.id, "t_monthly", [["trialing", "2026-06-05"]], { trialEnd: "2026-06-19" });
  await membership(u6.id, "t_lifetime", [["active", "2025-12-20"]]);
  await membership(u1.id, "t_lifetime", [["active", "2026-03-01"]]);
  await membership(u2.id, "t_lifetime", [["active", "2026-03-10"], ["refunded", "2026-03-20"]]);
  await membership(u3.id, "t_monthly", [["active", "2026-02-01"]], { source: "admin_grant" });
  await membership(u6.id, "t_monthly", [["active", "2025-11-01"], ["past_due", "2026-06-01"]]);

  await order(c1.id, "2025-03-01", 4000);
  await order(c1.id, "2026-02-01", 10000);
  await order(c1.id, "2026-03-15", 5000, 1000);
  await order(c2.id, "2026-04-15", 2500);
  await order(c2.id, "2026-05-01", 2000, 2000);
  await order(c3.id, "2026-04-01", 6000);
  await order(c6.id, "2025-01-10", 8000);
  await order(n1.id, "2026-01-10", 3000);
  await order(n1.id, "2026-01-20", 3000);
  await order(n2.id, "2026-02-02", 5000);
  await order(n2.id, "2026-07-01", 9999);

  // Points: sign-up bonuses, a redemption (50) with 20 given back when part of it was cancelled,
  // an expiry (not activity) and a non-member's purchase points.
  await posting(c1.id, "earn", 100, "2026-01-05");
  await posting(c2.id, "earn", 100, "2026-01-06");
  await posting(c4.id, "earn", 100, "2026-02-10");
  await posting(n1.id, "earn", 30, "2026-01-10");
  await posting(c2.id, "redeem", -50, "2026-04-02");
  await posting(c2.id, "refund", 20, "2026-04-05");
  await posting(c3.id, "expire", -10, "2026-05-01");

  // Rewards: a discount, a product, an experience with three sessions.
  const [discount, mug, trail] = await db
    .insert(rewards)
    .values([
      { slug: "ten-off", title: "10% off", kind: "discount", pointsCost: 500, status: "active" },
      { slug: "mug", title: "Camp mug", kind: "product", pointsCost: 300, status: "active" },
      { slug: "trail-day", title: "Trail day", kind: "experience", pointsCost: 1000, status: "active" },
    ])
    .returning();
  const [s1, , s3] = await db
    .insert(experienceSessions)
    .values([
      // over by the refresh: 10 seats, 2 booked (one came, one did not; a third booking was cancelled)
      { rewardId: trail.id, startsAt: at("2026-03-10"), endsAt: at("2026-03-10", "12:00:00"), capacity: 10, booked: 2, createdAt: at("2026-02-01", "09:00:00") },
      // this evening: 5 seats, 1 booked, attendance not due yet
      { rewardId: trail.id, startsAt: at("2026-06-15", "18:00:00"), endsAt: at("2026-06-15", "20:00:00"), capacity: 5, booked: 1, createdAt: at("2026-05-01") },
      // cancelled: not offered
      { rewardId: trail.id, startsAt: at("2026-04-01"), endsAt: at("2026-04-01", "12:00:00"), capacity: 20, booked: 0, status: "cancelled", createdAt: at("2026-02-01") },
    ])
    .returning();
  void s3;

  // Discount redemptions: C1 02-20 (ordered 03-15: back within 30 days), C2 03-01 (ordered 04-15:
  // within 90 days, not 30; its 05-01 order was refunded), C3 05-20 (too recent for either window),
  // C1 again 04-01 (not a first), C4 01-15 cancelled.
  await redemption(c1.id, discount.id, "2026-02-20", 500);
  await redemption(c2.id, discount.id, "2026-03-01", 500, "fulfilled");
  await redemption(c3.id, discount.id, "2026-05-20", 500);
  await redemption(c1.id, discount.id, "2026-04-01", 500);
  await redemption(c4.id, discount.id, "2026-01-15", 500, "cancelled");
  await redemption(c3.id, mug.id, "2026-03-05", 300, "fulfilled");
  const came = await redemption(c2.id, trail.id, "2026-02-01", 1000, "pending", s1.id);
  const stayedAway = await redemption(c1.id, trail.id, "2026-02-02", 1000, "pending", s1.id);
  await redemption(c3.id, trail.id, "2026-02-03", 1000, "cancelled", s1.id);
  await db.insert(tickets).values([
    { redemptionId: came.id, code: "T-CAME", checkedInAt: at("2026-03-10", "09:55:00") },
    { redemptionId: stayedAway.id, code: "T-AWAY" },
  ]);

  // Referrals: U1's link clicked 4 times in the range (once before it); U4 signed up through it and
  // paid (02-12), U5 signed up (pending), U3 was blocked as a self-referral.
  await db.insert(referralCodes).values({ code: "ANA1", userId: u1.id });
  await db.insert(referralClicks).values([
    { code: "ANA1", ipHash: "i", uaHash: "u", createdAt: at("2025-12-01") },
    ...["2026-02-01", "2026-02-03", "2026-02-20", "2026-03-01"].map((day) => ({ code: "ANA1", ipHash: "i", uaHash: "u", createdAt: at(day) })),
  ]);
  await db.insert(referrals).values([
    { referrerUserId: u1.id, refereeUserId: u4.id, code: "ANA1", source: "link", status: "rewarded", qualifiedAt: at("2026-02-12"), createdAt: at("2026-02-10") },
    { referrerUserId: u1.id, refereeUserId: u5.id, code: "ANA1", source: "link", status: "pending", createdAt: at("2026-03-03") },
    { referrerUserId: u1.id, refereeUserId: u3.id, code: "ANA1", source: "code", status: "blocked", createdAt: at("2026-01-20") },
  ]);

  // NPS answers: Feb 10 and 9 · Mar 7 and 3 · May 0 · Dec 2025 a 10 (before the range) · one unanswered.
  const [survey] = await db.insert(surveys).values({ name: "Two weeks in", question: "Recommend us?", trigger: "after_joining", delayDays: 14 }).returning();
  const answers: [string, string, number | null][] = [
    [c1.id, "2026-02-10", 10],
    [c2.id, "2026-02-11", 9],
    [c3.id, "2026-03-05", 7],
    [c4.id, "2026-03-06", 3],
    [c5.id, "2026-05-01", 0],
    [c6.id, "2025-12-15", 10],
    [n1.id, "2026-05-02", null],
  ];
  await db.insert(surveyInvitations).values(
    answers.map(([customerId, day, score]) => ({
      surveyId: survey.id,
      customerId,
      subject: "join",
      tokenHash: next("token"),
      sentAt: at("2025-12-01"),
      expiresAt: at("2027-01-01"),
      answeredAt: score === null ? null : at(day),
      score,
      answeredVia: score === null ? null : ("app" as const),
    })),
  );
}

describe("analytics on a hand-built program", () => {
  beforeAll(async () => {
    await buildProgram();
    // A refresh the day before, then the real one: stocks keep their history, flows are rebuilt.
    await refreshAnalytics(db, new Date("2026-06-14T12:00:00Z"));
    await refreshAnalytics(db, NOW);
  });

  it("counts members, paid members by plan, MRR and ARR as of the refresh", async () => {
    const view = await loadMembership(H1);
    // U1–U6; not the admin, not U7 (after the refresh)
    expect(view.membersTotal).toBe(6);
    // U1–U5 signed up in the range
    expect(view.newMembers).toBe(5);
    // Monthly: M1 active + M10 past due (M9 is a grant, M2 and M4 ended) and M5 trialing;
    // Annual: M3; Lifetime: M6 and M7 (M8 was refunded)
    expect(view.plans.map((p) => [p.planId, p.paid, p.trialing, p.mrrCents])).toEqual([
      ["t_lifetime", 2, 0, 0],
      ["t_monthly", 2, 1, 2000],
      ["t_annual", 1, 0, 1000],
    ]);
    expect(view.paidTotal).toBe(5);
    expect(view.trialingTotal).toBe(1);
    // 2 × $10 + $120 / 12 = $30 a month
    expect(view.mrrCents).toBe(3000);
    expect(view.arrCents).toBe(36000);
  });

  it("sums lifetime revenue net of refunds, and trial conversion over finished trials", async () => {
    const view = await loadMembership(H1);
    // M7 ($300, stands) and M8 (refunded) were bought in the range; M6 before it
    expect(view.lifetime).toEqual({ purchases: 2, revenueCents: 30000, reversed: 1, revenueAllTimeCents: 60000 });
    // trials M1, M2, M5 started in the range; M5 has not finished; M1 of the two finished converted
    expect(view.trials).toEqual({ started: 3, decided: 2, converted: 1, rate: 0.5 });
  });

  it("counts new members per week and churn per month", async () => {
    const view = await loadMembership(H1);
    const weeks = Object.fromEntries(view.newPerWeek.map((w) => [w.week, w.members]));
    // whole weeks from Mon 2025-12-29 to Mon 2026-06-15
    expect(view.newPerWeek).toHaveLength(25);
    expect(view.newPerWeek[0].week).toBe("2025-12-29");
    expect(view.newPerWeek.at(-1)!.week).toBe("2026-06-15");
    expect(weeks).toMatchObject({ "2025-12-29": 0, "2026-01-05": 2, "2026-01-12": 0, "2026-01-19": 1, "2026-02-09": 1, "2026-03-02": 1 });
    expect(view.newPerWeek.reduce((sum, w) => sum + w.members, 0)).toBe(5);
    // paying subscribers: M10 since 2025-11; M1 and M3 join in January, M4 in February; M4 ends in April
    expect(view.churn).toEqual([
      { month: "2026-01-01", payingAtStart: 1, churned: 0, rate: 0 },
      { month: "2026-02-01", payingAtStart: 3, churned: 0, rate: 0 },
      { month: "2026-03-01", payingAtStart: 4, churned: 0, rate: 0 },
      { month: "2026-04-01", payingAtStart: 4, churned: 1, rate: 0.25 },
      { month: "2026-05-01", payingAtStart: 3, churned: 0, rate: 0 },
      { month: "2026-06-01", payingAtStart: 3, churned: 0, rate: 0 },
    ]);
  });

  it("compares members and non-members: repeat rate, frequency, AOV and CLV, 12 months and all time", async () => {
    const view = await loadLoyalty();
    // all time — members C1 (3 orders, $40 + $100 + $40 = $180), C2 (1, $25), C3 (1, $60), C6 (1, $80); C4, C5 none
    expect(view.all.member).toEqual({
      population: 6,
      customers: 4,
      repeatCustomers: 1,
      orders: 6,
      revenueCents: 34500,
      repeatRate: 0.25,
      frequency: 1.5,
      aovCents: 5750,
      clvCents: 8625,
    });
    // since 2025-06-15 — C1 (2, $140), C2 (1, $25), C3 (1, $60)
    expect(view["12m"].member).toEqual({
      population: 6,
      customers: 3,
      repeatCustomers: 1,
      orders: 4,
      revenueCents: 22500,
      repeatRate: 1 / 3,
      frequency: 4 / 3,
      aovCents: 5625,
      clvCents: 7500,
    });
    // N1 (2, $60), N2 (1, $50; its July order is after the refresh), N3 none
    const nonMember = { population: 3, customers: 2, repeatCustomers: 1, orders: 3, revenueCents: 11000, repeatRate: 0.5, frequency: 1.5, aovCents: 11000 / 3, clvCents: 5500 };
    expect(view.all.nonMember).toEqual(nonMember);
    expect(view["12m"].nonMember).toEqual(nonMember);
  });

  it("builds monthly sign-up cohorts × months since joining, active and purchasing", async () => {
    const view = await loadRetention(H1);
    // U6's December cohort is outside the range
    expect(view.cohorts.map((c) => [c.month, c.members, c.cells.length])).toEqual([
      ["2026-01-01", 3, 6],
      ["2026-02-01", 1, 5],
      ["2026-03-01", 1, 4],
    ]);
    expect(view.maxMonthsSince).toBe(5);
    const [january, february, march] = view.cohorts;
    // January (U1, U2, U3): month 0 sign-up bonuses of C1 and C2; 1 and 2 C1's orders; 3 C2's
    // redemption and order and C3's order (C3's May expiry is not activity; C2's May order was refunded)
    expect(january.cells.map((c) => [c.active, c.purchasing])).toEqual([
      [2, 0],
      [1, 1],
      [1, 1],
      [2, 2],
      [0, 0],
      [0, 0],
    ]);
    expect(january.cells[0].activeShare).toBeCloseTo(2 / 3, 10);
    expect(february.cells.map((c) => [c.active, c.purchasing])).toEqual([[1, 0], [0, 0], [0, 0], [0, 0], [0, 0]]);
    expect(march.cells.every((c) => c.active === 0 && c.purchasing === 0)).toBe(true);
  });

  it("compares the holdout groups' repeat purchase rate and says the samples are too small", async () => {
    await db.insert(settings).values({ key: "holdout", value: { sharePercent: 10 } });
    const view = await loadIncrementality();
    expect(view.settings).toEqual({ sharePercent: 10 });
    // treatment: C1 (3 orders), N1 (2) · control: C3 (1), N2 (1), N3 (none)
    expect(view.treatment).toMatchObject({ population: 2, customers: 2, repeatCustomers: 2, repeatRate: 1 });
    expect(view.control).toMatchObject({ population: 3, customers: 2, repeatCustomers: 0, repeatRate: 0 });
    expect(view.repeatRate).toEqual({ treatment: 1, control: 0, difference: 1, low: null, high: null, enough: false });
    await db.delete(settings).where(eq(settings.key, "holdout"));
  });

  it("counts who ordered again within 30 and 90 days of a first discount redemption", async () => {
    const view = await loadRewardReturn(H1);
    // C1, C2, C3; C3 (05-20) is too recent for either window
    expect(view).toEqual({
      members: 3,
      windows: [
        { days: 30, eligible: 2, returned: 1, rate: 0.5 },
        { days: 90, eligible: 2, returned: 2, rate: 1 },
      ],
    });
  });

  it("gives the redemption rate, top rewards and experience fill and no-show rates", async () => {
    const view = await loadRewards(H1);
    // earned 100 + 100 + 100 + 30; redeemed 50 − 20 given back
    expect(view.pointsEarned).toBe(330);
    expect(view.pointsRedeemed).toBe(30);
    expect(view.redemptionRate).toBeCloseTo(30 / 330, 10);
    // not the cancelled ones: discount 4 × 500, trail day 2 × 1,000, mug 300
    expect(view.redemptions).toBe(7);
    expect(view.topRewards.map((r) => [r.title, r.redemptions, r.points])).toEqual([
      ["10% off", 4, 2000],
      ["Trail day", 2, 2000],
      ["Camp mug", 1, 300],
    ]);
    // seats 10 + 5 booked 2 + 1 (the cancelled session offers none); of the finished session's 2 bookings 1 stayed away
    expect(view.experiences).toMatchObject({ seats: 15, booked: 3, fillRate: 0.2, due: 2, noShows: 1, noShowRate: 0.5 });
    const byMonth = Object.fromEntries(view.experiences.months.map((m) => [m.month, [m.seats, m.booked, m.due, m.noShows]]));
    expect(byMonth).toEqual({ "2026-01-01": [0, 0, 0, 0], "2026-02-01": [0, 0, 0, 0], "2026-03-01": [10, 2, 2, 1], "2026-04-01": [0, 0, 0, 0], "2026-05-01": [0, 0, 0, 0], "2026-06-01": [5, 1, 0, 0] });
  });

  it("counts the referral funnel in the range", async () => {
    const view = await loadReferralFunnel(H1);
    // 4 clicks in the range; sign-ups U4 and U5 (U3 was blocked); U4 paid
    expect(view.steps.map((s) => [s.step, s.count, s.ofPrevious])).toEqual([
      ["clicks", 4, null],
      ["signups", 2, 0.5],
      ["paid", 1, 0.5],
    ]);
    expect(view.clickToPaid).toBe(0.25);
  });

  it("scores NPS over the range and per month", async () => {
    const view = await loadNps(H1);
    // 2 promoters, 1 passive, 2 detractors: (2 − 2) / 5 = 0
    expect(view).toMatchObject({ responses: 5, promoters: 2, passives: 1, detractors: 2, nps: 0 });
    expect(view.months.map((m) => [m.month, m.responses, m.nps])).toEqual([
      ["2026-01-01", 0, null],
      ["2026-02-01", 2, 100],
      ["2026-03-01", 2, -50],
      ["2026-04-01", 0, null],
      ["2026-05-01", 1, -100],
      ["2026-06-01", 0, null],
    ]);
  });

  it("rebuilds flows on every refresh and keeps each day's stocks", async () => {
    const rows = async (metric: string) => db.select().from(analyticsDaily).where(eq(analyticsDaily.metric, metric));
    // sign-ups were rebuilt, not doubled, by the second refresh
    expect((await rows("new_members")).reduce((sum, r) => sum + r.value, 0)).toBe(6);
    // MRR per plan on both refresh days (nothing changed between them)
    expect((await rows("mrr_cents")).map((r) => [r.day, r.dimension, r.value]).sort()).toEqual([
      ["2026-06-14", "t_annual", 1000],
      ["2026-06-14", "t_monthly", 2000],
      ["2026-06-15", "t_annual", 1000],
      ["2026-06-15", "t_monthly", 2000],
    ]);
    const refreshes = await db.select().from(analyticsRefreshes);
    expect(refreshes.map((r) => r.asOf.toISOString())).toEqual(["2026-06-14T12:00:00.000Z", NOW.toISOString()]);
  });
});

describe("the holdout", () => {
  const groupOf = async (id: string) => (await db.select({ group: customers.experimentGroup }).from(customers).where(eq(customers.id, id)))[0].group;
  let admin: CurrentUser;

  beforeAll(async () => {
    await db.insert(earningRules).values(DEFAULT_EARNING_RULES).onConflictDoNothing();
    await db.insert(tiers).values(DEFAULT_TIERS).onConflictDoNothing();
    const row = await user("holdout-admin@example.com", new Date(), "admin");
    admin = { id: row.id, email: row.email, name: row.name, role: "admin" };
  });

  it("draws each new customer into a group once, and only while it runs", async () => {
    const before = await getOrCreateCustomer("before-holdout@example.com");
    expect(before.experimentGroup).toBeNull();

    await updateHoldoutSettings(admin.id, { sharePercent: 50 }, "start the experiment");
    const drawn = await Promise.all(Array.from({ length: 60 }, (_, i) => getOrCreateCustomer(`drawn-${i}@example.com`)));
    const groups = drawn.map((c) => c.experimentGroup);
    // with a 50 % share, 60 draws all landing in one group has odds of 2 in 10^18
    expect(new Set(groups)).toEqual(new Set(["control", "treatment"]));
    // asking again never draws again, and customers from before the holdout stay out of it
    const again = await Promise.all(drawn.map((c) => getOrCreateCustomer(c.email)));
    expect(again.map((c) => c.experimentGroup)).toEqual(groups);
    expect(await groupOf(before.id)).toBeNull();

    // switched off: new customers join no group
    await updateHoldoutSettings(admin.id, { sharePercent: 0 }, "pause");
    expect((await getOrCreateCustomer("after-holdout@example.com")).experimentGroup).toBeNull();
  });

  it("creates customers even when the stored setting is malformed (the holdout is then off)", async () => {
    await db.insert(settings).values({ key: "holdout", value: { sharePercent: "lots" } }).onConflictDoUpdate({ target: settings.key, set: { value: { sharePercent: "lots" } } });
    expect((await getOrCreateCustomer("malformed-setting@example.com")).experimentGroup).toBeNull();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await getHoldoutSettings()).toEqual({ sharePercent: 0 });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("stored holdout settings are invalid"), expect.anything());
    logged.mockRestore();
    await db.delete(settings).where(eq(settings.key, "holdout"));
  });

  it("gives the control group no bonus campaigns while the holdout runs; base earning reaches everyone", async () => {
    await updateHoldoutSettings(admin.id, { sharePercent: 10 }, "experiment");
    const control = await getOrCreateCustomer("control-member@example.com");
    const treatment = await getOrCreateCustomer("treatment-member@example.com");
    // the draw is random; the groups are set here so the test knows which is which
    await db.update(customers).set({ experimentGroup: "control" }).where(eq(customers.id, control.id));
    await db.update(customers).set({ experimentGroup: "treatment" }).where(eq(customers.id, treatment.id));
    const postings = async (customerId: string) => (await db.select({ reason: pointPostings.reason }).from(pointPostings).where(eq(pointPostings.customerId, customerId))).map((p) => p.reason).sort();
    const day = new Date("2026-08-01T09:00:00Z");

    expect(await awardBirthday(control.id, day)).toEqual({ status: "holdout", points: 0 });
    expect(await awardRule({ customerId: control.id, ruleId: "review", key: `review:${control.id}:1`, at: day })).toEqual({ status: "holdout", points: 0 });
    expect(await awardRule({ customerId: control.id, ruleId: "social_share", key: `share:${control.id}:1`, at: day })).toEqual({ status: "holdout", points: 0 });
    expect((await awardSignup(control.id, day)).status).toBe("awarded");
    expect((await awardRule({ customerId: control.id, ruleId: "survey", key: `survey:s:${control.id}`, at: day })).status).toBe("awarded");
    expect(await postings(control.id)).toEqual(["signup", "survey"]);

    expect((await awardBirthday(treatment.id, day)).status).toBe("awarded");
    expect((await awardRule({ customerId: treatment.id, ruleId: "review", key: `review:${treatment.id}:1`, at: day })).status).toBe("awarded");
    expect(await postings(treatment.id)).toEqual(["birthday", "review"]);

    // the experiment over, the control group gets campaigns again (the same birthday key was never used)
    await updateHoldoutSettings(admin.id, { sharePercent: 0 }, "experiment over");
    expect((await awardBirthday(control.id, day)).status).toBe("awarded");
    expect(await postings(control.id)).toEqual(["birthday", "signup", "survey"]);
  });
});

describe("analytics admin actions", () => {
  let admin: CurrentUser;
  let member: CurrentUser;
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.set(key, value);
    return data;
  };
  const snapshot = async () => ({
    audits: (await db.select({ n: count() }).from(auditLog))[0].n,
    refreshes: (await db.select({ n: count() }).from(analyticsRefreshes))[0].n,
    holdout: (await db.select().from(settings).where(eq(settings.key, "holdout")))[0]?.value ?? null,
  });

  beforeAll(async () => {
    const a = await user("analytics-admin@example.com", new Date(), "admin");
    const m = await user("analytics-member@example.com", new Date());
    admin = { id: a.id, email: a.email, name: a.name, role: "admin" };
    member = { id: m.id, email: m.email, name: m.name, role: "member" };
  });

  it("refuses visitors and members, and changes nothing", async () => {
    const before = await snapshot();
    for (const [who, code] of [
      [null, "unauthenticated"],
      [member, "forbidden"],
    ] as const) {
      caller = who;
      expect(await updateHoldoutAction(null, form({ sharePercent: "20", reason: "sneaky change" }))).toMatchObject({ ok: false, code });
      expect(await refreshAnalyticsAction(null, form({}))).toMatchObject({ ok: false, code });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("saves the holdout share with an audit row, and refuses a share over 50 % or a missing reason", async () => {
    caller = admin;
    expect(await updateHoldoutAction(null, form({ sharePercent: "20", reason: "Measure the birthday campaign" }))).toEqual({ ok: true, data: { sharePercent: 20 } });
    const [row] = await db.select().from(settings).where(eq(settings.key, "holdout"));
    expect(row).toMatchObject({ value: { sharePercent: 20 }, updatedBy: admin.id });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, "analytics.holdout.update"), eq(auditLog.actorId, admin.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entityType: "settings", entityId: "holdout", before: { sharePercent: 0 }, after: { sharePercent: 20 }, reason: "Measure the birthday campaign" });

    const before = await snapshot();
    const tooMuch = await updateHoldoutAction(null, form({ sharePercent: "51", reason: "more" }));
    expect(tooMuch).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { sharePercent: ["The holdout is 0–50% of new customers."] } });
    const noReason = await updateHoldoutAction(null, form({ sharePercent: "5", reason: " " }));
    expect(noReason).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { reason: [expect.stringContaining("Say why")] } });
    expect(await updateHoldoutAction(null, form({ sharePercent: "2.5", reason: "half" }))).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await snapshot()).toEqual(before);
  });

  it("rebuilds the figures now, with an audit row", async () => {
    caller = admin;
    const before = await snapshot();
    const result = await refreshAnalyticsAction(null, form({}));
    expect(result).toMatchObject({ ok: true, data: { asOf: expect.any(String), durationMs: expect.any(Number) } });
    const after = await snapshot();
    expect(after.refreshes).toBe(before.refreshes + 1);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "analytics.refresh"));
    expect(audit).toMatchObject({ actorId: admin.id, entityType: "analytics", after: { asOf: result.ok ? result.data.asOf : "" } });
  });
});

describe("the analytics page and its CSV downloads", () => {
  type Page = (props: { searchParams: Promise<Record<string, string>> }) => Promise<ReactElement>;
  let admin: CurrentUser;
  let member: CurrentUser;
  const render = async (searchParams: Record<string, string> = {}) => {
    const page = (await import("@/app/admin/analytics/page")).default as Page;
    return renderToStaticMarkup(await page({ searchParams: Promise.resolve(searchParams) }));
  };
  const download = (table: string, query = "from=2026-01-01&to=2026-06-15") => GET(new Request(`http://localhost/admin/analytics/csv/${table}?${query}`), { params: Promise.resolve({ table }) });
  const csvOf = async (table: string) => {
    const response = await download(table);
    expect(response.status).toBe(200);
    return parseCsv(await response.text()).map((record) => record.fields);
  };

  beforeAll(async () => {
    const a = await user("page-admin@example.com", new Date(), "admin");
    const m = await user("page-member@example.com", new Date());
    admin = { id: a.id, email: a.email, name: a.name, role: "admin" };
    member = { id: m.id, email: m.email, name: m.name, role: "member" };
    // back to the hand-built moment (the action test above rebuilt as of the real clock)
    await refreshAnalytics(db, NOW);
  });

  it("guards the page before reading anything", async () => {
    caller = null;
    await expect(render()).rejects.toThrow("redirect to sign-in");
    caller = member;
    await expect(render()).rejects.toThrow("forbidden");
  });

  it("shows each figure with its definition, and a CSV link for every table", async () => {
    caller = admin;
    const html = await render({ from: "2026-01-01", to: "2026-06-15" });
    expect(html).toContain("Jun 15, 2026");
    // MRR $30, ARR $360, lifetime revenue $300 in the range and $600 all time, trial conversion 50 %
    for (const figure of ["$30.00", "$360.00", "$300.00", "$600.00", "50%", "How is this calculated?"]) expect(html).toContain(figure);
    expect(html).toContain("The samples are too small to say");
    for (const id of TABLE_IDS.filter((id) => id !== "retention-purchasing")) expect(html).toContain(`/admin/analytics/csv/${id}?from=2026-01-01&amp;to=2026-06-15`);
    expect(await render({ from: "2026-01-01", to: "2026-06-15", cohorts: "purchasing" })).toContain("/admin/analytics/csv/retention-purchasing?");
    expect(await render({ from: "2026-02-01", to: "2026-01-01" })).toContain("The start date is after the end date.");
  });

  it("offers to build the figures before the first rebuild", async () => {
    caller = admin;
    const refreshes = await db.select().from(analyticsRefreshes);
    await db.delete(analyticsRefreshes);
    expect(await render()).toContain("No figures yet");
    await db.insert(analyticsRefreshes).values(refreshes);
  });

  it("downloads every table as CSV, for admins only", async () => {
    caller = null;
    expect((await download("loyalty")).status).toBe(307);
    caller = member;
    expect((await download("loyalty")).status).toBe(403);
    caller = admin;
    expect((await download("secrets")).status).toBe(404);
    expect((await download("loyalty", "from=2026-03-01")).status).toBe(400);
    for (const id of TABLE_IDS) expect((await csvOf(id)).length).toBeGreaterThan(1);

    expect(await csvOf("loyalty")).toEqual([
      ["Segment", "Buying customers", "Repeat purchase rate (%)", "Orders per customer", "AOV (cents)", "CLV (cents)"],
      ["Members, last 12 months", "3", "33.33", "1.33", "5625", "7500"],
      ["Non-members, last 12 months", "2", "50", "1.5", "3667", "5500"],
      ["Members, all time", "4", "25", "1.5", "5750", "8625"],
      ["Non-members, all time", "2", "50", "1.5", "3667", "5500"],
    ]);
    expect((await csvOf("churn")).slice(0, 1).concat((await csvOf("churn")).filter((r) => r[0] === "2026-04"))).toEqual([
      ["Month", "Paying at start", "Ended", "Churn rate (%)"],
      ["2026-04", "4", "1", "25"],
    ]);
    expect(await csvOf("referral-funnel")).toEqual([
      ["Step", "Count", "Of the step before (%)"],
      ["Link clicks", "4", ""],
      ["Sign-ups", "2", "50"],
      ["Paid memberships", "1", "50"],
    ]);
    const retention = await csvOf("retention-purchasing");
    expect(retention[0]).toEqual(["Cohort", "Members", "Month 0 (%)", "Month 1 (%)", "Month 2 (%)", "Month 3 (%)", "Month 4 (%)", "Month 5 (%)"]);
    // January: 0, 1, 1, 2, 0, 0 of 3 purchasing; February's cohort has no month 5 yet
    expect(retention[1]).toEqual(["2026-01", "3", "0", "33.33", "33.33", "66.67", "0", "0"]);
    expect(retention[2]).toEqual(["2026-02", "1", "0", "0", "0", "0", "0", ""]);
    const response = await download("top-rewards");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="cairn-analytics-top-rewards-2026-01-01-to-2026-06-15-\d{4}-\d{2}-\d{2}\.csv"$/);
  });
});
