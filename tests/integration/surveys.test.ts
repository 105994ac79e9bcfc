import { and, count, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { auditLog, earningRules, emailOutbox, experienceSessions, pointPostings, redemptions, rewards, surveyInvitations, surveys, tickets, users, type Survey, type SurveyInvitation } from "@/db/schema";
import { DEFAULT_EARNING_RULES } from "@/db/seed-program";
import type { CurrentUser } from "@/lib/auth/guards";
import { getBalance } from "@/lib/ledger/balances";
import { customerForUser, getOrCreateCustomer } from "@/lib/ledger/customers";
import { checkLedgerInvariants } from "@/lib/ledger/invariants";
import { hashSurveyToken } from "@/lib/surveys/token";

// The session is the action factory's input: each case decides who is calling.
let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => caller }));
// revalidatePath needs Next's request store; the tests call the actions directly.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));

const { answerSurveyAction, answerSurveyByTokenAction, createSurveyAction, updateSurveyAction } = await import("@/lib/surveys/actions");
const { runSurveyJobs, CATCH_UP_DAYS } = await import("@/lib/surveys/schedule");
const { npsByMonth, npsSummary } = await import("@/lib/surveys/nps");
const { listOpenSurveys } = await import("@/lib/surveys/answer");
const { runDailyJobs } = await import("@/lib/cron/daily");
const { listResponses } = await import("@/lib/surveys/admin");
const { GET: responsesCsvRoute } = await import("@/app/admin/surveys/[id]/responses.csv/route");

const MINUTE = 60_000;
const DAY = 86_400_000;
const uid = () => crypto.randomUUID().slice(0, 8);

/**
 * Every test runs in its own month of 2031 (users, sessions and job runs dated there), so members
 * made by one test are never due for another's surveys; the real clock's members are years away.
 */
let month = 0;
let base: Date;
const at = (days: number, minutes = 0) => new Date(base.getTime() + days * DAY + minutes * MINUTE);

async function person(role: "member" | "admin" = "member", createdAt: Date = new Date()): Promise<CurrentUser> {
  const [user] = await db.insert(users).values({ email: `${role}-${uid()}@example.com`, name: `Pat ${role}`, role, createdAt }).returning();
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

async function survey(values: Partial<typeof surveys.$inferInsert> = {}): Promise<Survey> {
  const [row] = await db
    .insert(surveys)
    .values({ name: `Survey ${uid()}`, question: "How likely are you to recommend us to a friend?", trigger: "after_joining", delayDays: 7, active: true, ...values })
    .returning();
  return row;
}

/** An experience session that ran from `endsAt` − 2 hours to `endsAt`. */
async function pastSession(endsAt: Date, status: "scheduled" | "cancelled" = "scheduled") {
  const [reward] = await db.insert(rewards).values({ slug: `kayak-${uid()}`, title: "Sunrise kayak tour", kind: "experience", status: "active", pointsCost: 300 }).returning();
  const [session] = await db
    .insert(experienceSessions)
    .values({ rewardId: reward.id, startsAt: new Date(endsAt.getTime() - 2 * 3_600_000), endsAt, capacity: 10, booked: 0, status })
    .returning();
  return { reward, session };
}

/** A booking with its ticket, written directly (the ledger side of booking is not under test here). */
async function booking(s: { reward: { id: string }; session: { id: string } }, opts: { checkedIn?: boolean; cancelled?: boolean } = {}) {
  const customer = await getOrCreateCustomer(`guest-${uid()}@example.com`);
  const [redemption] = await db
    .insert(redemptions)
    .values({ customerId: customer.id, rewardId: s.reward.id, sessionId: s.session.id, pointsCost: 300, status: opts.cancelled ? "cancelled" : "fulfilled" })
    .returning();
  await db.insert(tickets).values({ redemptionId: redemption.id, code: uid().toUpperCase(), checkedInAt: opts.checkedIn ? new Date() : null });
  return customer;
}

const invitationsOf = (surveyId: string) => db.select().from(surveyInvitations).where(eq(surveyInvitations.surveyId, surveyId));
const emailsTo = (to: string) => db.select().from(emailOutbox).where(and(eq(emailOutbox.to, to), eq(emailOutbox.template, "survey-invitation")));
const surveyPostings = (customerId: string) => db.select().from(pointPostings).where(and(eq(pointPostings.customerId, customerId), eq(pointPostings.reason, "survey")));
const invitationRow = async (id: string): Promise<SurveyInvitation> => (await db.select().from(surveyInvitations).where(eq(surveyInvitations.id, id)))[0];
const auditCount = async () => (await db.select({ n: count() }).from(auditLog))[0].n;

/** The token in the email's answer link. */
function tokenIn(html: string): string {
  const match = html.match(/\/surveys\/reply\/([A-Za-z0-9_-]{43})"/);
  if (!match) throw new Error("no survey link in the email");
  return match[1];
}

/** A member with an open invitation (after joining, emailed) and its link's token. */
async function invited(delayDays = 7) {
  // Only this survey runs: an earlier call's survey would invite this member too.
  await db.update(surveys).set({ active: false });
  const s = await survey({ delayDays });
  const user = await person("member", at(0));
  await runSurveyJobs(at(delayDays));
  const customer = await customerForUser(user);
  const [invitation] = await db.select().from(surveyInvitations).where(and(eq(surveyInvitations.surveyId, s.id), eq(surveyInvitations.customerId, customer.id)));
  const email = (await emailsTo(user.email)).find((e) => e.html.includes(`/surveys/${invitation.id}`))!;
  return { survey: s, user, customer, invitation, token: tokenIn(email.html) };
}

beforeAll(async () => {
  await db.insert(earningRules).values(DEFAULT_EARNING_RULES).onConflictDoNothing();
});

beforeEach(async () => {
  caller = null;
  base = new Date(Date.UTC(2031, month++, 1, 9));
  // A survey left active by an earlier test must not invite this test's members.
  await db.update(surveys).set({ active: false });
  await db.update(earningRules).set({ active: true, points: 100, capCount: null, capPeriod: null, holdDays: 0 }).where(eq(earningRules.id, "survey"));
});

describe("the daily job: after joining", () => {
  it("invites N days after joining, not a minute before, with an email whose link carries a token stored only as its hash", async () => {
    const s = await survey({ delayDays: 7 });
    const user = await person("member", at(0));

    expect(await runSurveyJobs(at(7, -1))).toMatchObject({ invited: 0, emailed: 0 });
    expect(await invitationsOf(s.id)).toHaveLength(0);
    expect(await emailsTo(user.email)).toHaveLength(0);

    expect(await runSurveyJobs(at(7))).toMatchObject({ invited: 1, emailed: 1, errors: [] });
    const customer = await customerForUser(user);
    const [invitation] = await invitationsOf(s.id);
    expect(invitation).toMatchObject({ customerId: customer.id, subject: "join", sessionId: null, sentAt: at(7), expiresAt: at(37), answeredAt: null, score: null, points: null });

    const [email] = await emailsTo(user.email);
    expect(email.subject).toBe("One quick question");
    expect(email.html).toContain("How likely are you to recommend us to a friend?");
    expect(email.text).toContain("100 points");
    const token = tokenIn(email.html);
    expect(invitation.tokenHash).toBe(hashSurveyToken(token));
    expect(invitation.tokenHash).not.toContain(token);
    expect(email.html).toContain(`/surveys/${invitation.id}`);
  });

  it("running the job twice (or twice at once) invites and emails once", async () => {
    const s = await survey({ delayDays: 3 });
    const user = await person("member", at(0));
    const runs = await Promise.all([runSurveyJobs(at(3)), runSurveyJobs(at(3))]);
    expect(runs.map((r) => r.invited).sort()).toEqual([0, 1]);
    expect(await runSurveyJobs(at(4))).toMatchObject({ invited: 0, emailed: 0 });
    expect(await runSurveyJobs(at(3 + CATCH_UP_DAYS - 1))).toMatchObject({ invited: 0 });
    expect(await invitationsOf(s.id)).toHaveLength(1);
    expect(await emailsTo(user.email)).toHaveLength(1);
  });

  it("leaves out admins, members who joined before the catch-up window, and inactive surveys", async () => {
    const s = await survey({ delayDays: 2 });
    const off = await survey({ delayDays: 2, active: false });
    const admin = await person("admin", at(0));
    const longAgo = await person("member", at(-CATCH_UP_DAYS));
    const fresh = await person("member", at(0));
    // Joined at(0) → due at(2); joined at(−7) → due at(−5), exactly CATCH_UP_DAYS late: too late.
    expect(await runSurveyJobs(at(2))).toMatchObject({ invited: 1 });
    const invitations = await invitationsOf(s.id);
    expect(invitations.map((i) => i.customerId)).toEqual([(await customerForUser(fresh)).id]);
    expect(await invitationsOf(off.id)).toHaveLength(0);
    expect(await emailsTo(admin.email)).toHaveLength(0);
    expect(await emailsTo(longAgo.email)).toHaveLength(0);
  });

  it("catches up a day the job missed", async () => {
    const s = await survey({ delayDays: 5 });
    await person("member", at(0));
    // Due at(5); the job didn't run until two days later.
    expect(await runSurveyJobs(at(7))).toMatchObject({ invited: 1 });
    expect(await invitationsOf(s.id)).toHaveLength(1);
  });
});

describe("the daily job: after an experience", () => {
  it("invites attendees who were checked in, N days after the session ended, once per session", async () => {
    const s = await survey({ trigger: "after_experience", delayDays: 1 });
    const ran = await pastSession(at(0));
    const came = await booking(ran, { checkedIn: true });
    const noShow = await booking(ran);
    const cancelled = await booking(ran, { cancelled: true });

    expect(await runSurveyJobs(at(1, -1))).toMatchObject({ invited: 0 });
    expect(await runSurveyJobs(at(1))).toMatchObject({ invited: 1, emailed: 1 });
    const [invitation] = await invitationsOf(s.id);
    expect(invitation).toMatchObject({ customerId: came.id, sessionId: ran.session.id, subject: `session:${ran.session.id}` });
    const [email] = await emailsTo(came.email);
    expect(email.subject).toBe("How was Sunrise kayak tour?");
    expect(await emailsTo(noShow.email)).toHaveLength(0);
    expect(await emailsTo(cancelled.email)).toHaveLength(0);

    expect(await runSurveyJobs(at(2))).toMatchObject({ invited: 0 });
    expect(await invitationsOf(s.id)).toHaveLength(1);
  });

  it("invites every live booking when nobody was checked in at the door, and nobody for a cancelled session", async () => {
    const s = await survey({ trigger: "after_experience", delayDays: 2 });
    const noDoorList = await pastSession(at(0));
    const a = await booking(noDoorList);
    const b = await booking(noDoorList);
    const gone = await booking(noDoorList, { cancelled: true });
    const called = await pastSession(at(0), "cancelled");
    const c = await booking(called);

    expect(await runSurveyJobs(at(2))).toMatchObject({ invited: 2 });
    const invited = (await invitationsOf(s.id)).map((i) => i.customerId).sort();
    expect(invited).toEqual([a.id, b.id].sort());
    expect(invited).not.toContain(gone.id);
    expect(invited).not.toContain(c.id);
  });

  it("asks one customer about each experience they went to (two sessions, two invitations)", async () => {
    const s = await survey({ trigger: "after_experience", delayDays: 1 });
    const first = await pastSession(at(0));
    const customer = await booking(first);
    const second = await pastSession(at(0, 30));
    await db.insert(redemptions).values({ customerId: customer.id, rewardId: second.reward.id, sessionId: second.session.id, pointsCost: 300 });
    expect(await runSurveyJobs(at(1, 30))).toMatchObject({ invited: 2 });
    expect((await invitationsOf(s.id)).map((i) => i.sessionId).sort()).toEqual([first.session.id, second.session.id].sort());
  });
});

describe("answering", () => {
  it("in the app: records the answer and earns the survey rule's points once; a second answer is refused and changes nothing", async () => {
    const { user, customer, invitation } = await invited();
    caller = user;
    const first = await answerSurveyAction({ invitationId: invitation.id, score: "9", comment: "  Loved the kayak tour  " });
    expect(first).toEqual({ ok: true, data: { invitationId: invitation.id, points: 100, pending: false } });
    const answered = await invitationRow(invitation.id);
    expect(answered).toMatchObject({ score: 9, comment: "Loved the kayak tour", answeredVia: "app", points: 100 });
    expect(answered.answeredAt).toBeInstanceOf(Date);
    expect((await getBalance(customer.id)).available).toBe(100);
    const postings = await surveyPostings(customer.id);
    expect(postings).toHaveLength(1);
    expect(postings[0]).toMatchObject({ key: `survey:${invitation.id}:${customer.id}`, points: 100, kind: "earn" });

    const again = await answerSurveyAction({ invitationId: invitation.id, score: 2, comment: "changed my mind" });
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    if (!again.ok) expect(again.error).toMatch(/already answered/);
    expect(await invitationRow(invitation.id)).toEqual(answered);
    expect((await getBalance(customer.id)).available).toBe(100);
    expect(await surveyPostings(customer.id)).toHaveLength(1);
    expect(await checkLedgerInvariants()).toEqual([]);
  });

  it("from the email link, signed out: the token answers its invitation once; the app then sees it answered", async () => {
    const { user, customer, invitation, token } = await invited();
    caller = null;
    expect(await answerSurveyByTokenAction({ token, score: "6", comment: "" })).toMatchObject({ ok: true, data: { invitationId: invitation.id, points: 100 } });
    expect(await invitationRow(invitation.id)).toMatchObject({ score: 6, comment: null, answeredVia: "email", points: 100 });

    expect(await answerSurveyByTokenAction({ token, score: 10 })).toMatchObject({ ok: false, code: "conflict" });
    caller = user;
    expect(await answerSurveyAction({ invitationId: invitation.id, score: 10 })).toMatchObject({ ok: false, code: "conflict" });
    expect((await invitationRow(invitation.id)).score).toBe(6);
    expect(await surveyPostings(customer.id)).toHaveLength(1);
    expect(await listOpenSurveys(customer.id, at(8))).toEqual([]);
  });

  it("the app and the link answering at the same moment leave one answer and one posting", async () => {
    const { user, customer, invitation, token } = await invited();
    caller = user;
    const results = await Promise.all([
      answerSurveyAction({ invitationId: invitation.id, score: 10 }),
      answerSurveyByTokenAction({ token, score: 3 }),
      answerSurveyAction({ invitationId: invitation.id, score: 8 }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "conflict")).toHaveLength(2);
    expect(await surveyPostings(customer.id)).toHaveLength(1);
    expect((await getBalance(customer.id)).available).toBe(100);
  });

  it.each([
    ["a score of 11", { score: "11" }, "score"],
    ["a negative score", { score: "-1" }, "score"],
    ["a fractional score", { score: "7.5" }, "score"],
    ["a score that is not a number", { score: "ten" }, "score"],
    ["no score", { score: undefined }, "score"],
    ["a blank score (not a 0)", { score: " " }, "score"],
    ["a comment over 1,000 characters", { score: "8", comment: "x".repeat(1001) }, "comment"],
  ])("refuses %s with a field error, changing nothing", async (_case, fields, field) => {
    const { user, customer, invitation, token } = await invited();
    const before = await invitationRow(invitation.id);
    caller = user;
    const inApp = await answerSurveyAction({ invitationId: invitation.id, ...fields });
    caller = null;
    const byLink = await answerSurveyByTokenAction({ token, ...fields });
    for (const result of [inApp, byLink]) {
      expect(result).toMatchObject({ ok: false, code: "invalid_input" });
      if (!result.ok) expect(result.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    }
    expect(await invitationRow(invitation.id)).toEqual(before);
    expect(await surveyPostings(customer.id)).toHaveLength(0);
  });

  it("a comment of exactly 1,000 characters is accepted", async () => {
    const { user, invitation } = await invited();
    caller = user;
    expect(await answerSurveyAction({ invitationId: invitation.id, score: 7, comment: "y".repeat(1000) })).toMatchObject({ ok: true });
    expect((await invitationRow(invitation.id)).comment).toHaveLength(1000);
  });

  it("refuses another member's invitation, a token that matches no invitation, and a malformed token — changing nothing", async () => {
    const mine = await invited();
    const theirs = await invited();
    const before = await invitationRow(theirs.invitation.id);

    // A signed-in member can't answer someone else's invitation by its id.
    caller = mine.user;
    expect(await answerSurveyAction({ invitationId: theirs.invitation.id, score: 10 })).toMatchObject({ ok: false, code: "not_found" });
    // A token answers only its own invitation: a made-up one matches none.
    caller = null;
    const forged = mine.token.slice(0, -4) + (mine.token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await answerSurveyByTokenAction({ token: forged, score: 10 })).toMatchObject({ ok: false, code: "not_found" });
    expect(await answerSurveyByTokenAction({ token: "short", score: 10 })).toMatchObject({ ok: false, code: "invalid_input" });
    // Using mine answers mine, never theirs.
    expect(await answerSurveyByTokenAction({ token: mine.token, score: 4 })).toMatchObject({ ok: true, data: { invitationId: mine.invitation.id } });

    expect(await invitationRow(theirs.invitation.id)).toEqual(before);
    expect(await surveyPostings(theirs.customer.id)).toHaveLength(0);
  });

  it("refuses an answer after the invitation closed", async () => {
    const { survey: s, customer, token } = await invited();
    const [invitation] = await invitationsOf(s.id);
    await db.update(surveyInvitations).set({ expiresAt: new Date(Date.now() - MINUTE) }).where(eq(surveyInvitations.id, invitation.id));
    const result = await answerSurveyByTokenAction({ token, score: 9 });
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    if (!result.ok) expect(result.error).toMatch(/closed/);
    expect((await invitationRow(invitation.id)).answeredAt).toBeNull();
    expect(await surveyPostings(customer.id)).toHaveLength(0);
  });

  it("an answer while the survey rule is off earns nothing, and later runs don't pay it", async () => {
    const { user, customer, invitation } = await invited();
    await db.update(earningRules).set({ active: false }).where(eq(earningRules.id, "survey"));
    caller = user;
    expect(await answerSurveyAction({ invitationId: invitation.id, score: 9 })).toMatchObject({ ok: true, data: { points: 0 } });
    expect((await invitationRow(invitation.id)).points).toBe(0);
    await db.update(earningRules).set({ active: true }).where(eq(earningRules.id, "survey"));
    await runSurveyJobs(at(9));
    expect(await surveyPostings(customer.id)).toHaveLength(0);
  });

  it("the daily job pays an answer whose award never ran, once", async () => {
    const s = await survey({ active: false });
    const customer = await getOrCreateCustomer(`crash-${uid()}@example.com`);
    const [row] = await db
      .insert(surveyInvitations)
      .values({ surveyId: s.id, customerId: customer.id, subject: "join", tokenHash: hashSurveyToken(crypto.randomUUID()), sentAt: at(0), expiresAt: at(30), answeredAt: at(1), score: 10, answeredVia: "app" })
      .returning();
    expect((await runSurveyJobs(at(2))).paid).toBeGreaterThanOrEqual(1);
    expect(await invitationRow(row.id)).toMatchObject({ points: 100 });
    await runSurveyJobs(at(3));
    const postings = await surveyPostings(customer.id);
    expect(postings).toHaveLength(1);
    expect(postings[0].key).toBe(`survey:${row.id}:${customer.id}`);
  });

  it("lists the member's open surveys for the dashboard, and none once answered", async () => {
    const { user, customer, invitation } = await invited();
    expect(await listOpenSurveys(customer.id, at(8))).toMatchObject([{ id: invitation.id, state: "open", question: "How likely are you to recommend us to a friend?" }]);
    expect(await listOpenSurveys(customer.id, at(40))).toEqual([]);
    caller = user;
    await answerSurveyAction({ invitationId: invitation.id, score: 8 });
    expect(await listOpenSurveys(customer.id, at(8))).toEqual([]);
  });

  it("the nightly job runs the survey step", async () => {
    const s = await survey({ delayDays: 1 });
    await person("member", at(0));
    const result = await runDailyJobs(at(1));
    expect(result.surveys).toMatchObject({ invited: 1, emailed: 1, errors: [] });
    expect(await invitationsOf(s.id)).toHaveLength(1);
  });
});

describe("admin: surveys", () => {
  let admin: CurrentUser;
  beforeEach(async () => {
    admin ??= await person("admin");
    caller = admin;
  });

  const form = (fields: Record<string, string | undefined>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) data.set(key, value);
    return data;
  };
  const valid = { name: "Onboarding NPS", question: "How likely are you to recommend Cairn to a friend?", trigger: "after_joining", delayDays: "14", active: "on" };

  it("creates a survey with an audit row", async () => {
    const result = await createSurveyAction(null, form(valid));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [row] = await db.select().from(surveys).where(eq(surveys.id, result.data.id));
    expect(row).toMatchObject({ name: "Onboarding NPS", trigger: "after_joining", delayDays: 14, active: true });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "survey"), eq(auditLog.entityId, row.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: admin.id, action: "survey.created", before: null, after: { name: "Onboarding NPS", delayDays: 14, active: true } });
  });

  it("updates only what changed, audited with the reason; an unchanged form writes nothing", async () => {
    const s = await survey({ active: false, delayDays: 7 });
    const result = await updateSurveyAction(null, form({ id: s.id, name: s.name, question: s.question, trigger: s.trigger, delayDays: "10", active: "on", reason: "Give members more time" }));
    expect(result).toMatchObject({ ok: true, data: { changed: ["delayDays", "active"] } });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, "survey.updated"), eq(auditLog.entityId, s.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: admin.id, reason: "Give members more time", before: { delayDays: 7, active: false }, after: { delayDays: 10, active: true } });

    const n = await auditCount();
    expect(await updateSurveyAction(null, form({ id: s.id, name: s.name, question: s.question, trigger: s.trigger, delayDays: "10", active: "on", reason: "No change" }))).toMatchObject({ ok: true, data: { changed: [] } });
    expect(await auditCount()).toBe(n);
  });

  it("won't change the trigger once members were invited", async () => {
    const { survey: s } = await invited();
    const n = await auditCount();
    const result = await updateSurveyAction(null, form({ id: s.id, name: s.name, question: s.question, trigger: "after_experience", delayDays: "7", active: "on", reason: "Switch it" }));
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    if (!result.ok) expect(result.fieldErrors?.trigger?.[0]).toMatch(/already been invited/);
    expect((await db.select().from(surveys).where(eq(surveys.id, s.id)))[0]).toEqual(s);
    expect(await auditCount()).toBe(n);
  });

  it.each([
    ["a negative delay", { delayDays: "-1" }, "delayDays"],
    ["a delay over a year", { delayDays: "366" }, "delayDays"],
    ["a fractional delay", { delayDays: "1.5" }, "delayDays"],
    ["a blank delay (not 0 days)", { delayDays: "" }, "delayDays"],
    ["an unknown trigger", { trigger: "after_lunch" }, "trigger"],
    ["an empty name", { name: " " }, "name"],
    ["a short question", { question: "Rate us" }, "question"],
  ])("refuses %s, writing nothing", async (_case, changes, field) => {
    const before = (await db.select({ n: count() }).from(surveys))[0].n;
    const n = await auditCount();
    const result = await createSurveyAction(null, form({ ...valid, ...changes }));
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    if (!result.ok) expect(result.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    expect((await db.select({ n: count() }).from(surveys))[0].n).toBe(before);
    expect(await auditCount()).toBe(n);
  });

  it.each([
    ["an anonymous caller", null, "unauthenticated"],
    ["a member", "member", "forbidden"],
  ] as const)("refuses %s and changes nothing", async (_case, role, code) => {
    const s = await survey({ active: false });
    caller = role ? await person(role) : null;
    const surveysBefore = (await db.select({ n: count() }).from(surveys))[0].n;
    const n = await auditCount();
    expect(await createSurveyAction(null, form(valid))).toMatchObject({ ok: false, code });
    expect(await updateSurveyAction(null, form({ ...valid, id: s.id, reason: "Taking over" }))).toMatchObject({ ok: false, code });
    expect((await db.select({ n: count() }).from(surveys))[0].n).toBe(surveysBefore);
    expect((await db.select().from(surveys).where(eq(surveys.id, s.id)))[0]).toEqual(s);
    expect(await auditCount()).toBe(n);
  });
});

describe("admin: answers", () => {
  it("lists a survey's answers newest first with their comments, and downloads them as CSV for admins only", async () => {
    const first = await invited();
    caller = first.user;
    await answerSurveyAction({ invitationId: first.invitation.id, score: 10, comment: "=HYPERLINK(\"http://evil.example\")" });
    // A second member of the same survey answers a moment later, from the email link.
    const user = await person("member", at(0));
    await runSurveyJobs(at(7, 1));
    const customer = await customerForUser(user);
    const [second] = await db.select().from(surveyInvitations).where(and(eq(surveyInvitations.surveyId, first.survey.id), eq(surveyInvitations.customerId, customer.id)));
    const email = (await emailsTo(user.email)).find((e) => e.html.includes(`/surveys/${second.id}`))!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    caller = null;
    await answerSurveyByTokenAction({ token: tokenIn(email.html), score: 3 });

    const { rows, total } = await listResponses(first.survey.id);
    expect(total).toBe(2);
    expect(rows.map((r) => [r.email, r.score, r.comment, r.via])).toEqual([
      [user.email, 3, null, "email"],
      [first.user.email, 10, '=HYPERLINK("http://evil.example")', "app"],
    ]);

    const request = () => responsesCsvRoute(new Request("http://localhost/x"), { params: Promise.resolve({ id: first.survey.id }) });
    caller = null;
    expect((await request()).status).toBe(401);
    caller = first.user;
    expect((await request()).status).toBe(403);
    caller = await person("admin");
    const response = await request();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const csv = await response.text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("answered_at,score,category,comment,name,email,experience,experience_starts_at,answered_via");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(`10,promoter,"'=HYPERLINK(""http://evil.example"")"`);
  });
});

describe("npsByMonth", () => {
  it("counts promoters, passives and detractors per UTC month, with empty months and unanswered invitations left out of the figures", async () => {
    // Hand-built answers in 2029 (no other test answers then).
    const s = await survey({ active: false });
    const answers: [string, number][] = [
      // January: 10, 9, 8, 6, 0 → 2 promoters, 1 passive, 2 detractors → (2 − 2) / 5 = 0
      ["2029-01-03T10:00:00Z", 10],
      ["2029-01-15T10:00:00Z", 9],
      ["2029-01-20T10:00:00Z", 8],
      ["2029-01-25T10:00:00Z", 6],
      ["2029-01-31T23:59:59Z", 0], // still January in UTC
      // February: nobody
      // March: 10, 10, 9, 7 → 3 promoters, 1 passive → 3 / 4 = 75
      ["2029-03-01T00:00:00Z", 10],
      ["2029-03-10T12:00:00Z", 10],
      ["2029-03-11T12:00:00Z", 9],
      ["2029-03-12T12:00:00Z", 7],
      // April: 3, 5, 9 → 1 promoter, 2 detractors → (1 − 2) / 3 = −33.3 → −33
      ["2029-04-02T08:00:00Z", 3],
      ["2029-04-03T08:00:00Z", 5],
      ["2029-04-30T23:00:00Z", 9],
      // outside the range
      ["2028-12-31T23:59:59Z", 0],
      ["2029-05-01T00:00:00Z", 0],
    ];
    for (const [answeredAt, score] of answers) {
      const customer = await getOrCreateCustomer(`nps-${uid()}@example.com`);
      await db.insert(surveyInvitations).values({
        surveyId: s.id,
        customerId: customer.id,
        subject: "join",
        tokenHash: hashSurveyToken(crypto.randomUUID()),
        sentAt: new Date("2028-12-01T00:00:00Z"),
        expiresAt: new Date("2030-01-01T00:00:00Z"),
        answeredAt: new Date(answeredAt),
        score,
        answeredVia: "email",
        points: 0,
      });
    }
    // Invited in March but never answered: not a response.
    const silent = await getOrCreateCustomer(`nps-${uid()}@example.com`);
    await db.insert(surveyInvitations).values({ surveyId: s.id, customerId: silent.id, subject: "join", tokenHash: hashSurveyToken(crypto.randomUUID()), sentAt: new Date("2029-03-05T00:00:00Z"), expiresAt: new Date("2029-04-05T00:00:00Z") });

    const range = { from: new Date("2029-01-01T00:00:00Z"), toExclusive: new Date("2029-05-01T00:00:00Z") };
    expect(await npsByMonth(range)).toEqual([
      { month: "2029-01", responses: 5, promoters: 2, passives: 1, detractors: 2, nps: 0 },
      { month: "2029-02", responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null },
      { month: "2029-03", responses: 4, promoters: 3, passives: 1, detractors: 0, nps: 75 },
      { month: "2029-04", responses: 3, promoters: 1, passives: 0, detractors: 2, nps: -33 },
    ]);
    // The whole range: 6 promoters, 2 passives, 4 detractors of 12 → (6 − 4) / 12 = 16.7 → 17
    expect(await npsSummary(range, db, { surveyId: s.id })).toEqual({ responses: 12, promoters: 6, passives: 2, detractors: 4, nps: 17 });
    // A range that starts mid-month still reports that month (only its answers from the start day on).
    expect(await npsByMonth({ from: new Date("2029-01-20T00:00:00Z"), toExclusive: new Date("2029-02-01T00:00:00Z") })).toEqual([
      { month: "2029-01", responses: 3, promoters: 0, passives: 1, detractors: 2, nps: -67 },
    ]);
  });
});
