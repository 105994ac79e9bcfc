import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, pointPostings, referralClicks, referralCodes, referrals, users } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { hashIp, hashUserAgent, takeSignInAttempt } from "@/lib/auth/rate-limit";
import { getBalance } from "@/lib/ledger/balances";
import { customerForUser } from "@/lib/ledger/customers";
import { recordClick } from "@/lib/referrals/attribution";
import { getOrCreateReferralCode, setVanityCode } from "@/lib/referrals/codes";
import { referralFunnel } from "@/lib/referrals/funnel";
import { followReferralLink } from "@/lib/referrals/link";
import { recordReferral } from "@/lib/referrals/record";
import { decideReferral } from "@/lib/referrals/review";
import { DEFAULT_REFERRAL_SETTINGS } from "@/lib/referrals/schemas";
import { getReferralSettings, updateReferralSettings } from "@/lib/referrals/settings";
import { welcomeKey } from "@/lib/referrals/welcome";
import { DAY_MS } from "@/lib/referrals/window";

let seq = 0;
async function member(label: string, email?: string) {
  seq++;
  const [user] = await db
    .insert(users)
    .values({ email: email ?? `${label}-${seq}@example.com`, name: `${label[0].toUpperCase()}${label.slice(1)} Tester` })
    .returning();
  return { id: user.id, email: user.email };
}

async function admin() {
  const [user] = await db.insert(users).values({ email: `admin-${++seq}@example.com`, role: "admin" }).returning();
  return user.id;
}

/** A visitor follows a referral link at `at`: the click is recorded (as `after()` would) and the cookie value returned. */
async function follow(code: string, at: Date, existingClickId: string | null = null, ip = "203.0.113.7", userAgent = "Visitor/1.0") {
  const outcome = await followReferralLink({ code, existingClickId, ip, userAgent, now: at });
  if (outcome.click) await recordClick(outcome.click);
  return { outcome, cookie: outcome.cookie?.clickId ?? existingClickId };
}

const t0 = new Date("2026-03-01T10:00:00Z");
const later = (days: number, from = t0) => new Date(from.getTime() + days * DAY_MS);

afterEach(async () => {
  await updateReferralSettings(await admin(), { ...DEFAULT_REFERRAL_SETTINGS }, "reset between tests");
});

describe("referral codes", () => {
  it("gives every member one readable 8-character code, created once even when asked concurrently", async () => {
    const user = await member("coder");
    const results = await Promise.all(Array.from({ length: 5 }, () => getOrCreateReferralCode(user.id)));
    expect(new Set(results.map((r) => r.code)).size).toBe(1);
    expect(results[0].code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(results[0]).toMatchObject({ vanity: null, shareCode: results[0].code });
    expect(await db.select().from(referralCodes).where(eq(referralCodes.userId, user.id))).toHaveLength(1);
  });

  it("lets a member choose a vanity code once; lookups ignore case", async () => {
    const user = await member("vain");
    const codes = await setVanityCode(user.id, "jane-doe");
    expect(codes).toMatchObject({ vanity: "JANE-DOE", shareCode: "JANE-DOE" });
    const { outcome } = await follow("Jane-Doe", t0);
    expect(outcome.location).toBe("/pricing?ref=JANE-DOE");
    await expect(setVanityCode(user.id, "JANE-TWO")).rejects.toMatchObject({ code: "conflict", fieldErrors: { code: [expect.stringContaining("can't be changed")] } });
  });

  it.each([
    ["taken", "JANE-TAKEN", "taken"],
    ["offensive", "sh1t-happens", "isn't allowed"],
    ["reserved", "admin", "reserved"],
    ["too short", "ab", "3 to 20"],
    ["too long", "a".repeat(21), "3 to 20"],
    ["bad characters", "jane doe", "3 to 20"],
  ])("refuses a vanity code that is %s, as a field error, changing nothing", async (_, code, message) => {
    const owner = await member("owner");
    await setVanityCode(owner.id, "JANE-TAKEN").catch(() => {});
    const user = await member("chooser");
    const error = await setVanityCode(user.id, code).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).fieldErrors?.code?.[0]).toContain(message);
    expect((await db.select().from(referralCodes).where(eq(referralCodes.userId, user.id))).filter((c) => c.vanity)).toHaveLength(0);
  });
});

describe("/r/<code>", () => {
  it.each([["not a code!"], ["x".repeat(200)], ["NOSUCHCODE"]])("%s → home, no cookie, no click", async (code) => {
    const before = (await db.select().from(referralClicks)).length;
    const outcome = await followReferralLink({ code, ip: "1.2.3.4", userAgent: "UA" });
    expect(outcome).toEqual({ location: "/" });
    expect(await db.select().from(referralClicks)).toHaveLength(before);
  });

  it("a known code: cookie with the click id for the window, click recorded, redirect to pricing", async () => {
    const referrer = await member("linker");
    const { code } = await getOrCreateReferralCode(referrer.id);
    const { outcome } = await follow(code.toLowerCase(), t0);
    expect(outcome.location).toBe(`/pricing?ref=${code}`);
    expect(outcome.cookie).toEqual({ clickId: outcome.click!.id, maxAgeSeconds: 30 * 24 * 60 * 60 });
    const [click] = await db.select().from(referralClicks).where(eq(referralClicks.id, outcome.click!.id));
    expect(click).toMatchObject({ code, ipHash: hashIp("203.0.113.7"), uaHash: hashUserAgent("Visitor/1.0") });
  });
});

describe("attribution at sign-up", () => {
  it.each([
    [30, "pending"],
    [31, null],
  ])("a click %i days before sign-up with a 30-day window → %s", async (days, expected) => {
    const referrer = await member("window");
    const { code } = await getOrCreateReferralCode(referrer.id);
    const { cookie } = await follow(code, t0);
    const referee = await member("windowee");
    const referral = await recordReferral({ user: referee, clickId: cookie, now: later(days) });
    expect(referral?.status ?? null).toBe(expected);
  });

  it("last touch by default: the later click wins; first touch keeps the first cookie", async () => {
    const alice = await member("alice");
    const bob = await member("bob");
    const a = (await getOrCreateReferralCode(alice.id)).code;
    const b = (await getOrCreateReferralCode(bob.id)).code;

    const first = await follow(a, t0);
    const second = await follow(b, later(1), first.cookie);
    const lastTouch = await recordReferral({ user: await member("last"), clickId: second.cookie, now: later(2) });
    expect(lastTouch).toMatchObject({ referrerUserId: bob.id, source: "link", clickId: second.outcome.click!.id });

    await updateReferralSettings(await admin(), { touch: "first" }, "test first touch");
    const one = await follow(a, t0);
    const two = await follow(b, later(1), one.cookie);
    expect(two.outcome.cookie).toBeUndefined(); // the first cookie is kept
    const firstTouch = await recordReferral({ user: await member("first"), clickId: two.cookie, now: later(2) });
    expect(firstTouch).toMatchObject({ referrerUserId: alice.id, clickId: one.outcome.click!.id });
  });

  it("a typed code attributes without a cookie; absent or forged cookies attribute nothing", async () => {
    const referrer = await member("typed");
    const { code } = await getOrCreateReferralCode(referrer.id);
    expect(await recordReferral({ user: await member("nocookie"), now: t0 })).toBeNull();
    expect(await recordReferral({ user: await member("forged"), clickId: crypto.randomUUID(), now: t0 })).toBeNull();
    expect(await recordReferral({ user: await member("garbage"), clickId: "'; drop table referrals; --", now: t0 })).toBeNull();
    const typed = await recordReferral({ user: await member("typer"), typedCode: code.toLowerCase(), clickId: crypto.randomUUID(), now: t0 });
    expect(typed).toMatchObject({ referrerUserId: referrer.id, source: "code", clickId: null, status: "pending" });
  });

  it("records a member once: a second sign-in changes nothing", async () => {
    const referrer = await member("once");
    const other = await member("other");
    const referee = await member("onceref");
    const first = await recordReferral({ user: referee, typedCode: (await getOrCreateReferralCode(referrer.id)).code, now: t0 });
    const again = await recordReferral({ user: referee, typedCode: (await getOrCreateReferralCode(other.id)).code, now: t0 });
    expect(again?.id).toBe(first?.id);
    expect(again?.referrerUserId).toBe(referrer.id);
  });
});

describe("self-referrals are blocked", () => {
  it("the same account", async () => {
    const user = await member("selfie");
    const { cookie } = await follow((await getOrCreateReferralCode(user.id)).code, t0);
    expect(await recordReferral({ user, clickId: cookie, now: t0 })).toMatchObject({ status: "blocked", reason: expect.stringContaining("same account") });
  });

  it.each([
    ["jane.doe@gmail.com", "Jane.Doe+friend@gmail.com"],
    ["jane.doe@gmail.com", "janedoe@googlemail.com"],
    ["sam@example.org", "SAM+2@Example.org"],
  ])("the same email after normalisation: %s vs %s", async (referrerEmail, refereeEmail) => {
    const tag = `${++seq}`;
    const referrer = await member("alias", referrerEmail.replace("@", `${tag}@`));
    const referee = await member("alias", refereeEmail.replace("@", `${tag}@`).replace(`+friend${tag}@`, `${tag}+friend@`).replace(`+2${tag}@`, `${tag}+2@`));
    const referral = await recordReferral({ user: referee, typedCode: (await getOrCreateReferralCode(referrer.id)).code, now: t0 });
    expect(referral).toMatchObject({ status: "blocked", reason: expect.stringContaining("same email") });
  });

  it("the same IP and user agent as the referrer's recent sign-ins (IP alone is not enough)", async () => {
    const referrer = await member("device");
    const { code } = await getOrCreateReferralCode(referrer.id);
    await takeSignInAttempt(referrer.email, "198.51.100.9", later(-3), "Browser/7");
    const blocked = await recordReferral({ user: await member("sameDevice"), typedCode: code, ipHash: hashIp("198.51.100.9"), uaHash: hashUserAgent("Browser/7"), now: t0 });
    expect(blocked).toMatchObject({ status: "blocked", reason: expect.stringContaining("same device") });
    const housemate = await recordReferral({ user: await member("housemate"), typedCode: code, ipHash: hashIp("198.51.100.9"), uaHash: hashUserAgent("Other/1"), now: t0 });
    expect(housemate?.status).toBe("pending");
    const stale = await recordReferral({ user: await member("stale"), typedCode: code, ipHash: hashIp("198.51.100.9"), uaHash: hashUserAgent("Browser/7"), now: later(40) });
    expect(stale?.status).toBe("pending");
  });
});

describe("fraud flags hold the reward for review", () => {
  it("more than weeklyIpLimit referrals from one IP in 7 days", async () => {
    await updateReferralSettings(await admin(), { weeklyIpLimit: 2 }, "test velocity");
    const referrer = await member("velocity");
    const { code } = await getOrCreateReferralCode(referrer.id);
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      const referee = await member(`vel${i}`);
      const at = later(i * 0.01);
      await takeSignInAttempt(referee.email, "192.0.2.50", at, `Phone/${i}`);
      const { cookie } = await follow(code, at, null, "192.0.2.50", `Phone/${i}`);
      statuses.push((await recordReferral({ user: referee, clickId: cookie, ipHash: hashIp("192.0.2.50"), uaHash: hashUserAgent(`Phone/${i}`), now: at }))!.status);
    }
    expect(statuses).toEqual(["pending", "pending", "flagged"]);
    // a week later the IP starts afresh
    const fresh = await member("velfresh");
    expect((await recordReferral({ user: fresh, typedCode: code, ipHash: hashIp("192.0.2.50"), uaHash: hashUserAgent("Phone/9"), now: later(8) }))!.status).toBe("pending");
  });

  it("a disposable email domain", async () => {
    const referrer = await member("disp");
    const referral = await recordReferral({ user: await member("throwaway", `x${++seq}@mailinator.com`), typedCode: (await getOrCreateReferralCode(referrer.id)).code, now: t0 });
    expect(referral).toMatchObject({ status: "flagged", reason: expect.stringContaining("disposable") });
  });

  it("a burst of sign-ups from one link", async () => {
    await updateReferralSettings(await admin(), { burstPerHour: 3 }, "test burst");
    const referrer = await member("burst");
    const { code } = await getOrCreateReferralCode(referrer.id);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await recordReferral({ user: await member(`burst${i}`), typedCode: code, now: new Date(t0.getTime() + i * 60_000) }))!.status);
    expect(statuses).toEqual(["pending", "pending", "pending", "flagged"]);
    expect((await recordReferral({ user: await member("burstlater"), typedCode: code, now: later(1) }))!.status).toBe("pending");
  });

  it("an admin decides a flagged referral, audited", async () => {
    const referrer = await member("review");
    const flagged = (await recordReferral({ user: await member("sus", `y${++seq}@mailinator.com`), typedCode: (await getOrCreateReferralCode(referrer.id)).code, now: t0 }))!;
    const actor = await admin();
    const approved = await decideReferral(flagged.id, true, actor, "looks genuine");
    expect(approved).toMatchObject({ status: "pending", decidedBy: actor });
    await expect(decideReferral(flagged.id, false, actor, "again")).rejects.toMatchObject({ code: "conflict" });
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entityId, flagged.id));
    expect(audit).toMatchObject({ action: "referral.approve", actorId: actor, reason: "looks genuine" });
  });
});

describe("settings and funnel", () => {
  it("defaults when absent; updates are validated and audited", async () => {
    expect(await getReferralSettings()).toEqual(DEFAULT_REFERRAL_SETTINGS);
    const actor = await admin();
    await expect(updateReferralSettings(actor, { windowDays: 0 }, "too short")).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { windowDays: [expect.any(String)] } });
    await expect(updateReferralSettings(actor, { windowDays: 366 }, "too long")).rejects.toMatchObject({ code: "invalid_input" });
    expect((await updateReferralSettings(actor, { windowDays: 7 }, "shorter window")).windowDays).toBe(7);
    expect((await getReferralSettings()).windowDays).toBe(7);
    const audits = await db.select().from(auditLog).where(eq(auditLog.reason, "shorter window"));
    expect(audits).toHaveLength(1);
  });

  it("counts clicks, sign-ups (not blocked ones) and lists each referral", async () => {
    const referrer = await member("funnel");
    const { code } = await getOrCreateReferralCode(referrer.id);
    const { cookie } = await follow(code, t0);
    await follow(code, t0);
    await recordReferral({ user: await member("friend"), clickId: cookie, now: t0 });
    await recordReferral({ user: referrer, typedCode: code, now: t0 }); // self: blocked
    const funnel = await referralFunnel(referrer.id);
    expect(funnel).toMatchObject({ clicks: 2, signups: 1, paid: 0, pointsEarned: 0 });
    expect(funnel.referrals.map((r) => r.status).sort()).toEqual(["blocked", "pending"]);
    expect(funnel.referrals.find((r) => r.status === "pending")).toMatchObject({ name: "Friend", rewardAvailableAt: null });
    expect(await db.select().from(referrals).where(eq(referrals.referrerUserId, referrer.id))).toHaveLength(2);
  });
});

describe("the friend's welcome bonus (points instead of a discount)", () => {
  const pointsMode = async (points = 300) => updateReferralSettings(await admin(), { refereeReward: "points", refereeBonusPoints: points }, "welcome friends with points");
  const welcomePostings = async (referralId: string) => db.select().from(pointPostings).where(eq(pointPostings.key, welcomeKey(referralId)));
  const pointsOf = async (user: { id: string; email: string }) => (await getBalance((await customerForUser(user)).id)).available;

  it("is off by default: the friend gets the discount, no points", async () => {
    const referrer = await member("discounter");
    const referee = await member("discounted");
    const referral = (await recordReferral({ user: referee, typedCode: (await getOrCreateReferralCode(referrer.id)).code, now: t0 }))!;
    expect(referral.status).toBe("pending");
    expect(await welcomePostings(referral.id)).toHaveLength(0);
    expect(await pointsOf(referee)).toBe(0);
  });

  it("a pending referral posts the bonus once, in words, through the ledger", async () => {
    await pointsMode(300);
    const referrer = await member("inviter");
    const referee = await member("welcomed");
    const { code } = await getOrCreateReferralCode(referrer.id);
    const referral = (await recordReferral({ user: referee, typedCode: code, now: t0 }))!;
    expect(referral.status).toBe("pending");
    // a second sign-in, a retry, concurrent attempts: still one posting
    await Promise.all([recordReferral({ user: referee, typedCode: code, now: t0 }), recordReferral({ user: referee, typedCode: code, now: t0 })]);
    const postings = await welcomePostings(referral.id);
    expect(postings).toHaveLength(1);
    expect(postings[0]).toMatchObject({ kind: "earn", points: 300, reason: "referral_welcome", memo: "Welcome bonus: Inviter invited you", customerId: (await customerForUser(referee)).id });
    expect(await pointsOf(referee)).toBe(300);
    expect(await pointsOf(referrer)).toBe(0);
  });

  it("a flagged referral holds the bonus until an admin approves it; approving twice posts once", async () => {
    await pointsMode(250);
    const referrer = await member("holder");
    const referee = await member("held", `held${++seq}@mailinator.com`);
    const flagged = (await recordReferral({ user: referee, typedCode: (await getOrCreateReferralCode(referrer.id)).code, now: t0 }))!;
    expect(flagged.status).toBe("flagged");
    expect(await welcomePostings(flagged.id)).toHaveLength(0);
    const actor = await admin();
    await decideReferral(flagged.id, true, actor, "a real friend");
    await expect(decideReferral(flagged.id, true, actor, "again")).rejects.toMatchObject({ code: "conflict" });
    expect(await welcomePostings(flagged.id)).toHaveLength(1);
    expect(await pointsOf(referee)).toBe(250);
  });

  it("rejected and blocked referrals never get it", async () => {
    await pointsMode(250);
    const referrer = await member("rejecter");
    const flagged = (await recordReferral({ user: await member("rejected", `rej${++seq}@mailinator.com`), typedCode: (await getOrCreateReferralCode(referrer.id)).code, now: t0 }))!;
    await decideReferral(flagged.id, false, await admin(), "a sock puppet");
    expect(await welcomePostings(flagged.id)).toHaveLength(0);
    const self = await member("selfbonus");
    const blocked = (await recordReferral({ user: self, typedCode: (await getOrCreateReferralCode(self.id)).code, now: t0 }))!;
    expect(blocked.status).toBe("blocked");
    expect(await welcomePostings(blocked.id)).toHaveLength(0);
    expect(await pointsOf(self)).toBe(0);
  });

  it("zero bonus points posts nothing", async () => {
    await pointsMode(0);
    const referrer = await member("zero");
    const referral = (await recordReferral({ user: await member("zeroed"), typedCode: (await getOrCreateReferralCode(referrer.id)).code, now: t0 }))!;
    expect(await welcomePostings(referral.id)).toHaveLength(0);
  });
});
