import { addDays, subDays } from "date-fns";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import {
  auditLog,
  customers,
  customerTiers,
  earningRules,
  emailOutbox,
  integrations,
  membershipHistory,
  memberships,
  orders,
  plans,
  pointPostings,
  redemptions,
  referralCodes,
  referrals,
  rewards,
  settings,
  tierHistory,
  tiers,
  users,
  type Role,
} from "@/db/schema";
import { DEFAULT_PLANS } from "@/db/seed-plans";
import { DEFAULT_EARNING_RULES, DEFAULT_PROGRAM_SETTINGS, DEFAULT_TIERS } from "@/db/seed-program";
import type { CurrentUser } from "@/lib/auth/guards";

// The session is the action factory's input: each case decides who is calling.
let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => caller }));
// revalidatePath needs Next's request store; the tests call the actions directly.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));
// The sign-in link goes through Auth.js's signIn(), which reads the request's headers and sets
// cookies; here the "request" comes from one admin's browser.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000", "x-forwarded-for": "198.51.100.7", "user-agent": "vitest-admin-browser" }),
  cookies: async () => ({ set: () => {}, get: () => undefined, getAll: () => [], has: () => false, delete: () => {} }),
}));

const { adjustPointsAction, grantCompMembershipAction, revokeCompMembershipAction, sendSignInLinkAction } = await import("@/lib/admin/members/actions");
const { setManualFloorAction } = await import("@/lib/tiers/actions");
const { searchMembers } = await import("@/lib/admin/members/search");
const { memberTimeline } = await import("@/lib/admin/members/timeline");
const { resolveMember, getMemberProfile } = await import("@/lib/admin/members/profile");
const { memberSearchSchema } = await import("@/lib/admin/members/schemas");
const { endExpiredCompMemberships } = await import("@/lib/admin/members/comp-memberships");
const { runDailyJobs } = await import("@/lib/cron/daily");
const { getLiveMembership } = await import("@/lib/billing/memberships");
const { getBalance } = await import("@/lib/ledger/balances");
const { customerForUser, getOrCreateCustomer } = await import("@/lib/ledger/customers");
const { listPointHistory } = await import("@/lib/ledger/history");
const { post } = await import("@/lib/ledger/post");
const { magicLinkState } = await import("@/lib/auth/magic-link");
const { ingestOrder } = await import("@/lib/orders/ingest-order");
const { tierProgress } = await import("@/lib/tiers/tiers");

const uid = () => crypto.randomUUID().slice(0, 8);

async function makeUser(name: string, options: { email?: string; role?: Role; createdAt?: Date } = {}): Promise<CurrentUser & { customerId: string }> {
  const email = options.email ?? `${name.toLowerCase().replace(/\s+/g, ".")}-${uid()}@example.com`;
  const [user] = await db
    .insert(users)
    .values({ email, name, role: options.role ?? "member", ...(options.createdAt ? { createdAt: options.createdAt } : {}) })
    .returning();
  const customer = await customerForUser({ id: user.id, email: user.email, name: user.name });
  return { id: user.id, email: user.email, name: user.name, role: user.role, customerId: customer.id };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const adjustment = (customerId: string, changes: Record<string, string> = {}) =>
  form({ customerId, points: "500", reasonCode: "goodwill", note: "Sorry about the late delivery", idempotencyKey: crypto.randomUUID(), ...changes });

const earn = (customerId: string, points: number, at?: Date) => post({ kind: "earn", key: `test:${crypto.randomUUID()}`, customerId, points, reason: "purchase", memo: "Purchase", at });

async function counts() {
  const [[postings], [ms], [history], [audits], [emails], [floors]] = await Promise.all([
    db.select({ n: count() }).from(pointPostings),
    db.select({ n: count() }).from(memberships),
    db.select({ n: count() }).from(membershipHistory),
    db.select({ n: count() }).from(auditLog),
    db.select({ n: count() }).from(emailOutbox),
    db.select({ n: count() }).from(customerTiers).where(sql`${customerTiers.manualFloorTierId} is not null`),
  ]);
  return { postings: postings.n, memberships: ms.n, history: history.n, audits: audits.n, emails: emails.n, floors: floors.n };
}

const auditsFor = (entityType: string, entityId: string) =>
  db.select().from(auditLog).where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId))).orderBy(auditLog.id);

let admin: CurrentUser;

beforeAll(async () => {
  await db.insert(tiers).values(DEFAULT_TIERS);
  await db.insert(settings).values(Object.entries(DEFAULT_PROGRAM_SETTINGS).map(([key, value]) => ({ key, value })));
  await db.insert(plans).values(DEFAULT_PLANS);
  await db.insert(earningRules).values(DEFAULT_EARNING_RULES);
  admin = await makeUser("Avery Admin", { role: "admin" });
});

beforeEach(() => {
  caller = admin;
});

describe("who may use the members console", () => {
  it("refuses every change to visitors and members, and changes nothing", async () => {
    const target = await makeUser("Refused Target");
    await earn(target.customerId, 300);
    const [comp] = await db
      .insert(memberships)
      .values({ userId: target.id, planId: "plus_monthly", status: "active", source: "admin_grant", currentPeriodEnd: addDays(new Date(), 30) })
      .returning();
    const member = await makeUser("Curious Member");
    const before = await counts();
    const calls = [
      () => adjustPointsAction(null, adjustment(target.customerId)),
      () => adjustPointsAction(null, adjustment(target.customerId, { points: "-100" })),
      () => grantCompMembershipAction(null, form({ userId: target.id, planId: "lifetime", until: "2030-01-01", reason: "Press partner" })),
      () => revokeCompMembershipAction(null, form({ membershipId: comp.id, reason: "No longer a partner" })),
      () => sendSignInLinkAction(null, form({ userId: target.id })),
      () => setManualFloorAction(null, form({ customerId: target.customerId, tierId: "gold", until: "2030-01-01", reason: "VIP" })),
    ];
    for (const [who, code] of [
      [null, "unauthenticated"],
      [member, "forbidden"],
    ] as const) {
      caller = who;
      for (const call of calls) expect(await call()).toMatchObject({ ok: false, code });
    }
    expect(await counts()).toEqual(before);
    expect((await getBalance(target.customerId)).available).toBe(300);
    const [still] = await db.select().from(memberships).where(eq(memberships.id, comp.id));
    expect(still.status).toBe("active");
  });
});

describe("manual points adjustment", () => {
  it("posts an adjustment the member reads in words, with the admin as actor, and audits it", async () => {
    const member = await makeUser("Ana Adjust");
    await earn(member.customerId, 120);
    const result = await adjustPointsAction(null, adjustment(member.customerId, { points: "500", reasonCode: "service_recovery", note: "Sorry about the late delivery" }));
    expect(result).toMatchObject({ ok: true, data: { points: 500, created: true, available: 620 } });

    const [posting] = await db.select().from(pointPostings).where(and(eq(pointPostings.customerId, member.customerId), eq(pointPostings.kind, "adjust")));
    expect(posting).toMatchObject({
      kind: "adjust",
      points: 500,
      actorId: admin.id,
      reason: "admin_adjustment",
      memo: "Adjustment by the Cairn team: Sorry about the late delivery",
      metadata: { reasonCode: "service_recovery", note: "Sorry about the late delivery" },
    });
    expect(await getBalance(member.customerId)).toMatchObject({ available: 620, pending: 0, debt: 0 });

    // the member's /points history shows the line, in words, under "adjustments" too
    const history = await listPointHistory(member.customerId, { filter: "adjustments" });
    expect(history.items.map((i) => [i.memo, i.points])).toEqual([["Adjustment by the Cairn team: Sorry about the late delivery", 500]]);

    const audits = await auditsFor("customer", member.customerId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: admin.id,
      action: "points.adjusted",
      before: { available: 120, pending: 0, debt: 0 },
      after: { available: 620, pending: 0, debt: 0, points: 500, postingId: posting.id },
      reason: "service_recovery: Sorry about the late delivery",
    });
  });

  it("takes points away down to zero, and refuses more than is available with the figure", async () => {
    const member = await makeUser("Ben Negative");
    await earn(member.customerId, 120);
    const before = await counts();
    const refused = await adjustPointsAction(null, adjustment(member.customerId, { points: "-121", reasonCode: "correction", note: "Duplicate order" }));
    expect(refused).toMatchObject({ ok: false, code: "invalid_input", error: expect.stringContaining("Only 120 points are available") });
    expect(!refused.ok && refused.fieldErrors?.points?.[0]).toContain("Only 120 points are available");
    expect(await counts()).toEqual(before);
    expect((await getBalance(member.customerId)).available).toBe(120);

    const taken = await adjustPointsAction(null, adjustment(member.customerId, { points: "-120", reasonCode: "correction", note: "Duplicate order" }));
    expect(taken).toMatchObject({ ok: true, data: { points: -120, available: 0 } });
    expect(await getBalance(member.customerId)).toMatchObject({ available: 0, lifetimeEarned: 120 });
    const again = await adjustPointsAction(null, adjustment(member.customerId, { points: "-1", reasonCode: "correction", note: "One more" }));
    expect(again).toMatchObject({ ok: false, error: expect.stringContaining("Only 0 points are available") });
  });

  it.each([
    ["no reason code", { reasonCode: "" }, "reasonCode"],
    ["an unknown reason code", { reasonCode: "because" }, "reasonCode"],
    ["no note", { note: "" }, "note"],
    ["a note of blanks", { note: "   " }, "note"],
    ["no points", { points: "" }, "points"],
    ["zero points", { points: "0" }, "points"],
    ["fractional points", { points: "12.5" }, "points"],
    ["points as words", { points: "ten" }, "points"],
    ["more than a million points", { points: "1000001" }, "points"],
    ["no idempotency key", { idempotencyKey: "" }, "idempotencyKey"],
  ])("refuses an adjustment with %s, changing nothing", async (_label, changes, field) => {
    const member = await makeUser("Cara Invalid");
    const before = await counts();
    const result = await adjustPointsAction(null, adjustment(member.customerId, changes));
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    expect(!result.ok && result.fieldErrors?.[field]?.length).toBeTruthy();
    expect(await counts()).toEqual(before);
  });

  it("posts once for a double submit of the same form, even when run at the same time", async () => {
    const member = await makeUser("Dan Double");
    await earn(member.customerId, 100);
    const key = crypto.randomUUID();
    const results = await Promise.all(Array.from({ length: 4 }, () => adjustPointsAction(null, adjustment(member.customerId, { points: "-100", idempotencyKey: key }))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.data.created)).toHaveLength(1);
    // a later retry of that submission is still the same posting, though the balance is now 0
    expect(await adjustPointsAction(null, adjustment(member.customerId, { points: "-100", idempotencyKey: key }))).toMatchObject({ ok: true, data: { created: false } });
    const adjusts = await db.select().from(pointPostings).where(and(eq(pointPostings.customerId, member.customerId), eq(pointPostings.kind, "adjust")));
    expect(adjusts).toHaveLength(1);
    expect(await auditsFor("customer", member.customerId)).toHaveLength(1);
    expect((await getBalance(member.customerId)).available).toBe(0);
  });

  it("pays a member's debt first, as every credit does", async () => {
    const member = await makeUser("Eve Debt");
    const order = await earn(member.customerId, 200);
    await post({ kind: "redeem", key: `test:${crypto.randomUUID()}`, customerId: member.customerId, points: 150, reason: "redemption", memo: "Reward" });
    // the order is refunded after 150 of its 200 points were spent: 50 taken back, 150 owed
    await post({ kind: "reverse", key: `test:${crypto.randomUUID()}`, customerId: member.customerId, points: 200, sourcePostingId: order.posting.id, reason: "order_refund", memo: "Refund" });
    expect(await getBalance(member.customerId)).toMatchObject({ available: 0, debt: 150 });
    await adjustPointsAction(null, adjustment(member.customerId, { points: "400" }));
    // 400 = 150 to the debt + 250 available
    expect(await getBalance(member.customerId)).toMatchObject({ available: 250, debt: 0 });
  });
});

describe("tier floor with an expiry", () => {
  it("sets a floor through the tier service, audited, and the tier rises at once", async () => {
    const member = await makeUser("Finn Floor");
    const result = await setManualFloorAction(null, form({ customerId: member.customerId, tierId: "gold", until: "2099-01-01", reason: "Press partner" }));
    expect(result).toMatchObject({ ok: true, data: { change: { from: "bronze", to: "gold" } } });
    const [row] = await db.select().from(customerTiers).where(eq(customerTiers.customerId, member.customerId));
    expect(row).toMatchObject({ tierId: "gold", manualFloorTierId: "gold", manualFloorUntil: new Date("2099-01-01T00:00:00Z") });
    const audits = await auditsFor("customer", member.customerId);
    expect(audits).toMatchObject([{ action: "tier.manual_floor_set", actorId: admin.id, reason: "Press partner", after: { tierId: "gold", until: "2099-01-01T00:00:00.000Z" } }]);
    const profile = await getMemberProfile({ user: (await db.select().from(users).where(eq(users.id, member.id)))[0], customer: (await db.select().from(customers).where(eq(customers.id, member.customerId)))[0] });
    expect(profile.floor).toMatchObject({ tierId: "gold", active: true });
    expect(profile.progress?.tier.id).toBe("gold");
  });

  it("refuses a floor in the past or without a reason, changing nothing", async () => {
    const member = await makeUser("Gil Floor");
    const before = await counts();
    expect(await setManualFloorAction(null, form({ customerId: member.customerId, tierId: "gold", until: "2001-01-01", reason: "Press partner" }))).toMatchObject({ ok: false });
    expect(await setManualFloorAction(null, form({ customerId: member.customerId, tierId: "gold", until: "2099-01-01", reason: "" }))).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(Array) } });
    expect(await counts()).toEqual(before);
  });
});

describe("complimentary memberships", () => {
  // Comps last at most 10 years: the test days are counted from today.
  const dayIn = (days: number) => addDays(new Date(), days).toISOString().slice(0, 10);
  const endOf = (day: string) => new Date(`${day}T23:59:59.999Z`);
  const LAST_DAY = dayIn(200);
  const LATER_DAY = dayIn(400);
  const grant = (userId: string, changes: Record<string, string> = {}) => grantCompMembershipAction(null, form({ userId, planId: "plus_annual", until: LAST_DAY, reason: "Ambassador", ...changes }));

  it("grants a plan until the end of a day, with history and audit, and its benefits apply like a paid one's", async () => {
    const member = await makeUser("Hana Comp");
    const result = await grant(member.id);
    expect(result).toMatchObject({ ok: true, data: { change: "granted", planId: "plus_annual" } });
    const [row] = await db.select().from(memberships).where(eq(memberships.userId, member.id));
    expect(row).toMatchObject({ planId: "plus_annual", status: "active", source: "admin_grant", currentPeriodEnd: endOf(LAST_DAY), stripeSubscriptionId: null });
    expect(await db.select().from(membershipHistory).where(eq(membershipHistory.membershipId, row.id))).toMatchObject([{ fromStatus: null, toStatus: "active", reason: "comp_granted" }]);
    expect(await auditsFor("membership", row.id)).toMatchObject([
      { action: "membership.comp_granted", actorId: admin.id, reason: "Ambassador", before: null, after: { planId: "plus_annual", status: "active", until: endOf(LAST_DAY).toISOString() } },
    ]);
    expect((await getLiveMembership(member.id))?.id).toBe(row.id);
    // the plan's minimum tier applies at once
    expect((await tierProgress(member.customerId))?.tier.id).toBe("silver");

    // and its earn multiplier: $100 qualifying × 5 points per $1 × 1.25 (Silver, the plan's floor) × 2 (Plus) = 1,250
    const [integration] = await db.insert(integrations).values({ name: "Test shop", secretHash: "x", secretPrefix: "x" }).returning();
    const outcome = await ingestOrder(integration.id, { externalId: `comp-${uid()}`, email: member.email, currency: "USD", totalCents: 10_000, qualifyingCents: 10_000, lines: [], placedAt: new Date() });
    expect(outcome.points).toBe(1250);
  });

  it("changes the comp's plan or last day instead of granting a second one", async () => {
    const member = await makeUser("Ivo Change");
    await grant(member.id);
    const changed = await grant(member.id, { planId: "lifetime", until: LATER_DAY, reason: "Extended for the summer campaign" });
    expect(changed).toMatchObject({ ok: true, data: { change: "changed", planId: "lifetime" } });
    const rows = await db.select().from(memberships).where(eq(memberships.userId, member.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ planId: "lifetime", currentPeriodEnd: endOf(LATER_DAY) });
    const audits = await auditsFor("membership", rows[0].id);
    expect(audits.map((a) => a.action)).toEqual(["membership.comp_granted", "membership.comp_changed"]);
    expect(audits[1]).toMatchObject({ before: { planId: "plus_annual" }, after: { planId: "lifetime" }, reason: "Extended for the summer campaign" });
    // the same values again change nothing and write nothing
    const before = await counts();
    expect(await grant(member.id, { planId: "lifetime", until: LATER_DAY })).toMatchObject({ ok: true, data: { change: "unchanged" } });
    expect(await counts()).toEqual(before);
  });

  it("makes one membership from two simultaneous grants", async () => {
    const member = await makeUser("Jo Twice");
    const results = await Promise.all([grant(member.id), grant(member.id)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await db.select().from(memberships).where(eq(memberships.userId, member.id))).toHaveLength(1);
  });

  it("refuses a comp beside a live paid membership, a past day, a free plan or no reason, changing nothing", async () => {
    const paid = await makeUser("Kim Paid");
    await db.insert(memberships).values({ userId: paid.id, planId: "plus_monthly", status: "active", source: "stripe", stripeSubscriptionId: `sub_${uid()}`, currentPeriodEnd: addDays(new Date(), 20) });
    const free = await makeUser("Lee Free");
    const before = await counts();
    expect(await grant(paid.id)).toMatchObject({ ok: false, code: "conflict", error: expect.stringContaining("already has a paid Plus monthly membership") });
    expect(await grant(free.id, { until: "2001-01-01" })).toMatchObject({ ok: false, fieldErrors: { until: expect.any(Array) } });
    expect(await grant(free.id, { until: "2026-02-30" })).toMatchObject({ ok: false, fieldErrors: { until: expect.any(Array) } });
    expect(await grant(free.id, { until: dayIn(3700) })).toMatchObject({ ok: false, fieldErrors: { until: ["Choose a day within the next 10 years."] } });
    expect(await grant(free.id, { planId: "free" })).toMatchObject({ ok: false, fieldErrors: { planId: expect.any(Array) } });
    expect(await grant(free.id, { reason: "" })).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(Array) } });
    expect(await grant("no-such-user")).toMatchObject({ ok: false, code: "not_found" });
    expect(await counts()).toEqual(before);
  });

  it("revokes a comp at once, with history and audit; paid memberships can't be revoked here", async () => {
    const member = await makeUser("Max Revoke");
    await grant(member.id);
    const [comp] = await db.select().from(memberships).where(eq(memberships.userId, member.id));
    const result = await revokeCompMembershipAction(null, form({ membershipId: comp.id, reason: "Partnership ended" }));
    expect(result).toMatchObject({ ok: true });
    const [ended] = await db.select().from(memberships).where(eq(memberships.id, comp.id));
    expect(ended.status).toBe("canceled");
    expect(ended.endedAt).not.toBeNull();
    expect(await getLiveMembership(member.id)).toBeNull();
    const history = await db.select().from(membershipHistory).where(eq(membershipHistory.membershipId, comp.id)).orderBy(membershipHistory.id);
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.reason])).toEqual([
      [null, "active", "comp_granted"],
      ["active", "canceled", "comp_revoked"],
    ]);
    expect((await auditsFor("membership", comp.id)).at(-1)).toMatchObject({ action: "membership.comp_revoked", actorId: admin.id, reason: "Partnership ended", before: { status: "active" }, after: { status: "canceled" } });

    const before = await counts();
    expect(await revokeCompMembershipAction(null, form({ membershipId: comp.id, reason: "Again" }))).toMatchObject({ ok: false, code: "conflict" });
    expect(await revokeCompMembershipAction(null, form({ membershipId: comp.id, reason: "" }))).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(Array) } });
    const paid = await makeUser("Ned Paid");
    const [stripe] = await db.insert(memberships).values({ userId: paid.id, planId: "lifetime", status: "active", source: "stripe" }).returning();
    const beforePaid = await counts();
    expect(await revokeCompMembershipAction(null, form({ membershipId: stripe.id, reason: "Trying" }))).toMatchObject({ ok: false, code: "conflict" });
    expect(await counts()).toEqual(beforePaid);
    expect(beforePaid.memberships).toBe(before.memberships + 1);
  });

  it("stops the benefits at the end date, and the daily job ends it with a history row, once", async () => {
    const member = await makeUser("Olga Expire");
    await grant(member.id);
    const [comp] = await db.select().from(memberships).where(eq(memberships.userId, member.id));
    const end = subDays(new Date(), 2);
    await db.update(memberships).set({ currentPeriodEnd: end }).where(eq(memberships.id, comp.id));
    // past its date it carries no benefits, before any job runs
    expect(await getLiveMembership(member.id)).toBeNull();

    const first = await runDailyJobs(new Date());
    expect(first.comps?.ended).toBeGreaterThanOrEqual(1);
    const [ended] = await db.select().from(memberships).where(eq(memberships.id, comp.id));
    expect(ended).toMatchObject({ status: "canceled", endedAt: end });
    const history = await db.select().from(membershipHistory).where(eq(membershipHistory.membershipId, comp.id)).orderBy(desc(membershipHistory.id));
    expect(history[0]).toMatchObject({ fromStatus: "active", toStatus: "canceled", reason: "comp_expired" });
    const historyCount = (await counts()).history;
    expect(await endExpiredCompMemberships(new Date())).toEqual({ ended: 0 });
    expect((await counts()).history).toBe(historyCount);
    // a new comp can be granted after it ended
    expect(await grant(member.id)).toMatchObject({ ok: true, data: { change: "granted" } });
  });
});

describe("resend sign-in link", () => {
  it("emails the member a working one-time link through Auth.js, audited, and respects the rate limit", async () => {
    const member = await makeUser("Pia Link");
    const result = await sendSignInLinkAction(null, form({ userId: member.id }));
    expect(result).toMatchObject({ ok: true, data: { email: member.email } });

    const sent = await db.select().from(emailOutbox).where(eq(emailOutbox.to, member.email));
    expect(sent).toHaveLength(1);
    expect(sent[0].template).toBe("sign-in");
    const link = new URL(sent[0].text.match(/https?:\/\/\S+\/sign-in\/confirm\?[^\s)\]]+/)![0]);
    expect(link.searchParams.get("email")).toBe(member.email);
    expect(await magicLinkState(member.email, link.searchParams.get("token")!)).toBe("valid");
    expect(await auditsFor("user", member.id)).toMatchObject([{ action: "member.sign_in_link_sent", actorId: admin.id }]);

    // a second one within the minute is refused, saying how long to wait, and sends nothing
    const before = await counts();
    const again = await sendSignInLinkAction(null, form({ userId: member.id }));
    expect(again).toMatchObject({ ok: false, code: "rate_limited", error: expect.stringContaining("Wait 60 seconds") });
    expect(await counts()).toEqual(before);
  });

  it("refuses an unknown member", async () => {
    expect(await sendSignInLinkAction(null, form({ userId: "no-such-user" }))).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("search and filters", () => {
  const search = (params: Record<string, string>) => searchMembers(memberSearchSchema.parse(params), "bronze");
  const emails = async (params: Record<string, string>) => (await search(params)).rows.map((r) => r.email);

  it("finds members by email prefix, name prefix, a whole word of the name, a referral code or the id, in any case", async () => {
    const tag = uid();
    const ana = await makeUser("Ana Smithson", { email: `ana.${tag}@example.com` });
    const bob = await makeUser("Bob Smith", { email: `bob.${tag}@example.org` });
    await db.insert(referralCodes).values({ code: `ZX${tag.toUpperCase().replace(/[^A-Z0-9]/g, "")}`.slice(0, 12), userId: bob.id });
    const [code] = await db.select().from(referralCodes).where(eq(referralCodes.userId, bob.id));

    expect(await emails({ q: `ANA.${tag.toUpperCase()}` })).toEqual([ana.email]);
    expect(await emails({ q: `bob.${tag}@EXAMPLE.ORG` })).toEqual([bob.email]);
    expect(await emails({ q: code.code.toLowerCase() })).toEqual([bob.email]);
    expect(await emails({ q: bob.id })).toEqual([bob.email]);
    // "smith" is a whole word of Bob's name only; "smiths" starts Ana's last name, not a word and not a prefix of her name
    const smith = await emails({ q: "smith" });
    expect(smith).toContain(bob.email);
    expect(smith).not.toContain(ana.email);
    expect(await emails({ q: "ana smiths" })).toContain(ana.email);
    expect(await emails({ q: `nobody-${tag}` })).toEqual([]);
    // LIKE wildcards are literal
    expect(await emails({ q: "%" })).toEqual([]);
    expect(await emails({ q: "_" })).toEqual([]);
  });

  it("filters by plan, membership status, tier and joined dates", async () => {
    const day = "2003-04-05";
    const at = (h: number) => new Date(`${day}T${String(h).padStart(2, "0")}:00:00Z`);
    const plus = await makeUser("Filter Plus", { createdAt: at(1) });
    const lapsed = await makeUser("Filter Lapsed", { createdAt: at(2) });
    const free = await makeUser("Filter Free", { createdAt: at(3) });
    const gold = await makeUser("Filter Gold", { createdAt: at(4) });
    await db.insert(memberships).values([
      { userId: plus.id, planId: "plus_monthly", status: "active", source: "stripe", stripeSubscriptionId: `sub_${uid()}` },
      // a refunded Lifetime, and a Plus that ended: the filters match any membership, live or not
      { userId: lapsed.id, planId: "lifetime", status: "refunded", source: "stripe", startedAt: at(5) },
      { userId: gold.id, planId: "plus_monthly", status: "canceled", source: "stripe", startedAt: at(6) },
    ]);
    await db.insert(customerTiers).values({ customerId: gold.customerId, tierId: "gold" });
    const onDay = { from: day, to: day };

    expect(await emails(onDay)).toEqual([gold.email, free.email, lapsed.email, plus.email]);
    expect(await emails({ ...onDay, plan: "plus_monthly" })).toEqual([gold.email, plus.email]);
    expect(await emails({ ...onDay, plan: "plus_monthly", status: "active" })).toEqual([plus.email]);
    expect(await emails({ ...onDay, status: "refunded" })).toEqual([lapsed.email]);
    expect(await emails({ ...onDay, plan: "none" })).toEqual([free.email]);
    expect(await emails({ ...onDay, tier: "gold" })).toEqual([gold.email]);
    expect(await emails({ ...onDay, tier: "bronze" })).toEqual([free.email, lapsed.email, plus.email]);
    expect(await emails({ from: "2003-04-06" })).not.toContain(plus.email);
    expect(await emails({ to: "2003-04-04", q: "filter" })).toEqual([]);

    const rows = (await search(onDay)).rows;
    expect(rows.find((r) => r.email === plus.email)?.membership).toMatchObject({ planId: "plus_monthly", planName: "Plus monthly", status: "active" });
    expect(rows.find((r) => r.email === free.email)?.membership).toBeNull();
  });

  it("matches a plan or status against any of the member's memberships, so a lapsed member who re-joined is under both", async () => {
    const day = "2003-07-08";
    const rejoined = await makeUser("Rejoined Member", { createdAt: new Date(`${day}T10:00:00Z`) });
    await db.insert(memberships).values([
      { userId: rejoined.id, planId: "plus_monthly", status: "canceled", source: "stripe", startedAt: new Date("2024-01-01T00:00:00Z") },
      { userId: rejoined.id, planId: "lifetime", status: "active", source: "stripe", startedAt: new Date("2025-01-01T00:00:00Z") },
    ]);
    const onDay = { from: day, to: day };
    expect(await emails({ ...onDay, status: "canceled" })).toEqual([rejoined.email]);
    expect(await emails({ ...onDay, status: "active", plan: "lifetime" })).toEqual([rejoined.email]);
    expect(await emails({ ...onDay, status: "active", plan: "plus_monthly" })).toEqual([]);
    expect(await emails({ ...onDay, plan: "none" })).toEqual([]);
    // the list shows the current one: the live Lifetime
    expect((await search(onDay)).rows[0].membership).toMatchObject({ planId: "lifetime", status: "active" });
  });

  it("reports unreadable or reversed joined dates as field errors instead of guessing", async () => {
    expect((await search({ from: "2003-04-06", to: "2003-04-05" })).joined).toMatchObject({ ok: false, fieldErrors: { from: ["The start date is after the end date."] } });
    expect((await search({ from: "2003-02-30" })).joined).toMatchObject({ ok: false, fieldErrors: { from: expect.any(Array) } });
    expect((await search({ to: "yesterday" })).joined).toMatchObject({ ok: false, fieldErrors: { to: expect.any(Array) } });
  });

  it("pages 25 at a time, newest first, without skipping or repeating rows created in the same millisecond", async () => {
    const day = "2004-05-06";
    const made: string[] = [];
    for (let i = 0; i < 24; i++) made.push((await makeUser(`Page ${i}`, { createdAt: new Date(`${day}T12:${String(i).padStart(2, "0")}:00Z`) })).id);
    // three members within one millisecond, at the boundary of the first page
    for (const micros of ["000300", "000200", "000100"]) {
      const user = await makeUser(`Micro ${micros}`);
      await db.execute(sql`update users set created_at = ${`${day}T11:00:00.${micros}Z`}::timestamptz where id = ${user.id}`);
      made.push(user.id);
    }
    const three = [];
    for (let i = 0; i < 3; i++) three.push((await makeUser(`Early ${i}`, { createdAt: new Date(`${day}T10:00:00Z`) })).id);
    made.push(...three);

    const seen: string[] = [];
    const pages: string[][] = [];
    let after: string | undefined;
    do {
      const page = await search({ from: day, to: day, ...(after ? { after } : {}) });
      pages.push(page.rows.map((r) => r.profileId));
      seen.push(...page.rows.map((r) => r.profileId));
      after = page.older ?? undefined;
    } while (after);
    expect(pages.map((p) => p.length)).toEqual([25, 5]);
    expect(new Set(seen).size).toBe(30);
    expect(new Set(seen)).toEqual(new Set(made));
    // the boundary: the first micro row ends page 1, the other two start page 2
    const micro = made.slice(24, 27);
    expect(pages[0].at(-1)).toBe(micro[0]);
    expect(pages[1].slice(0, 2)).toEqual(micro.slice(1));

    // and back: "newer" from page 2 is page 1 again
    const second = await search({ from: day, to: day, after: (await search({ from: day, to: day })).older! });
    const back = await search({ from: day, to: day, before: second.newer! });
    expect(back.rows.map((r) => r.profileId)).toEqual(pages[0]);
    expect(back.newer).toBeNull();
  });

  it("lists store customers without an account, and says plan filters can't match them", async () => {
    const tag = uid();
    const store = await getOrCreateCustomer(`walkin.${tag}@example.com`, db, "Walk In");
    expect((await search({ who: "customers", q: `WALKIN.${tag}` })).rows).toMatchObject([{ profileId: store.id, userId: null, customerId: store.id, email: store.email }]);
    expect((await search({ who: "customers", q: "walk in" })).rows.map((r) => r.profileId)).toContain(store.id);
    // members are not in that list, and store customers are not in the members list
    expect(await emails({ q: `walkin.${tag}` })).toEqual([]);
    const filtered = await search({ who: "customers", plan: "lifetime" });
    expect(filtered.rows).toEqual([]);
    expect(filtered.note).toMatch(/no membership/);
  });
});

describe("member profile and timeline", () => {
  it("resolves a user id, a store customer id, and a member's customer id to their profile", async () => {
    const member = await makeUser("Quinn Profile");
    const store = await getOrCreateCustomer(`store-${uid()}@example.com`);
    expect(await resolveMember(member.id)).toMatchObject({ kind: "member", user: { id: member.id }, customer: { id: member.customerId } });
    expect(await resolveMember(store.id)).toMatchObject({ kind: "customer", user: null, customer: { id: store.id } });
    expect(await resolveMember(member.customerId)).toEqual({ kind: "redirect", userId: member.id });
    expect(await resolveMember(crypto.randomUUID())).toBeNull();
    expect(await resolveMember("not a real id")).toBeNull();
  });

  it("merges every source into one timeline, newest first, and pages through it without gaps", async () => {
    const member = await makeUser("Rae Timeline");
    const friend = await makeUser("Sam Friend");
    const t = (minutes: number) => new Date(Date.UTC(2026, 0, 10, 9, minutes));
    const [integration] = await db.insert(integrations).values({ name: "Timeline shop", secretHash: "x", secretPrefix: "x" }).returning();
    const [reward] = await db.insert(rewards).values({ slug: `tote-${uid()}`, title: "Canvas tote", kind: "product", pointsCost: 100, status: "active" }).returning();

    await db.insert(orders).values({ integrationId: integration.id, externalId: "A-1", customerId: member.customerId, currency: "USD", totalCents: 4200, qualifyingCents: 4200, points: 210, placedAt: t(1) });
    await earn(member.customerId, 210, t(2));
    await db.insert(referrals).values({ referrerUserId: member.id, refereeUserId: friend.id, code: "RAE123", source: "link", createdAt: t(3) });
    await db.insert(redemptions).values({ customerId: member.customerId, rewardId: reward.id, pointsCost: 100, createdAt: t(4) });
    await db.insert(tierHistory).values({ customerId: member.customerId, fromTierId: "bronze", toTierId: "silver", reason: "order", createdAt: t(5) });
    await db.insert(emailOutbox).values({ to: member.email, from: "x@cairn.test", subject: "Your ticket", html: "", text: "", template: "redemption-confirmed", createdAt: t(6) });
    const [comp] = await db.insert(memberships).values({ userId: member.id, planId: "lifetime", status: "active", source: "admin_grant" }).returning();
    await db.insert(membershipHistory).values({ membershipId: comp.id, fromStatus: null, toStatus: "active", reason: "comp_granted", createdAt: t(7) });
    await db.insert(auditLog).values({ actorId: admin.id, action: "membership.comp_granted", entityType: "membership", entityId: comp.id, reason: "Ambassador", createdAt: t(7) });
    // two postings in the same instant (one transaction's batch), and an email to someone else
    await earn(member.customerId, 5, t(8));
    await earn(member.customerId, 6, t(8));
    await db.insert(emailOutbox).values({ to: friend.email, from: "x@cairn.test", subject: "Not for Rae", html: "", text: "", template: "x", createdAt: t(8) });
    // the adjustment's own audit row is not repeated beside its posting
    await post({ kind: "adjust", key: `test:${crypto.randomUUID()}`, customerId: member.customerId, points: 40, reason: "admin_adjustment", memo: "Adjustment by the Cairn team: thanks", actorId: admin.id, at: t(9) });
    await db.insert(auditLog).values({ actorId: admin.id, action: "points.adjusted", entityType: "customer", entityId: member.customerId, reason: "goodwill: thanks", createdAt: t(9) });

    const subject = { userId: member.id, customerId: member.customerId, emails: [member.email] };
    const all = await memberTimeline(subject, undefined, 100);
    // newest first; in the same instant, by source (descending) then id
    expect(all.items.map((i) => [i.source, i.at.toISOString()])).toEqual([
      ["posting", t(9).toISOString()],
      ["posting", t(8).toISOString()],
      ["posting", t(8).toISOString()],
      ["membership", t(7).toISOString()],
      ["audit", t(7).toISOString()],
      ["email", t(6).toISOString()],
      ["tier", t(5).toISOString()],
      ["redemption", t(4).toISOString()],
      ["referral", t(3).toISOString()],
      ["posting", t(2).toISOString()],
      ["order", t(1).toISOString()],
    ]);
    expect(all.older).toBeNull();
    expect(all.items[0]).toMatchObject({ source: "posting", kind: "adjust", points: 40, actorEmail: admin.email });
    expect(all.items.find((i) => i.source === "referral")).toMatchObject({ role: "referrer", otherEmail: friend.email, code: "RAE123" });
    expect(all.items.find((i) => i.source === "order")).toMatchObject({ externalId: "A-1", totalCents: 4200, points: 210 });
    expect(all.items.find((i) => i.source === "redemption")).toMatchObject({ rewardTitle: "Canvas tote", points: 100 });
    expect(all.items.find((i) => i.source === "membership")).toMatchObject({ planName: "Lifetime", from: null, to: "active", comp: true });

    // pages of 2 give the same items, in the same order, each once
    const paged: string[] = [];
    let before: string | undefined;
    do {
      const page = await memberTimeline(subject, before, 2);
      paged.push(...page.items.map((i) => `${i.source}:${i.id}`));
      before = page.older ?? undefined;
    } while (before);
    expect(paged).toEqual(all.items.map((i) => `${i.source}:${i.id}`));

    // the friend sees the referral from the other side
    const theirs = await memberTimeline({ userId: friend.id, customerId: friend.customerId, emails: [friend.email] });
    expect(theirs.items.find((i) => i.source === "referral")).toMatchObject({ role: "referee", otherEmail: member.email });
  });
});
