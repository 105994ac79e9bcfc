import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { emailOutbox, memberships, plans, referralCodes, referrals, signInAttempts, users } from "@/db/schema";
import { DEFAULT_PLANS } from "@/db/seed-plans";
import type { CurrentUser } from "@/lib/auth/guards";
import { DEFAULT_REFERRAL_SETTINGS, REFERRAL_CODE_COOKIE } from "@/lib/referrals/schemas";
import { updateReferralSettings } from "@/lib/referrals/settings";

/*
 * A friend's code typed by hand: on the join form (kept in a cookie until the first sign-in) and
 * on the pricing page by a signed-in member. The request (cookies, headers) and the session are
 * the tests' to set; everything else — Auth.js, the outbox, the referral core — runs for real.
 */

type Cookie = { value: string; options?: Record<string, unknown> };
const jar = vi.hoisted(() => new Map<string, { value: string; options?: Record<string, unknown> }>());
let requestHeaders = new Headers();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)!.value } : undefined),
    getAll: () => [...jar].map(([name, c]) => ({ name, value: c.value })),
    has: (name: string) => jar.has(name),
    set: (name: string, value: string, options?: Record<string, unknown>) => void jar.set(name, { value, options } satisfies Cookie),
    delete: (name: string) => void jar.delete(name),
  }),
  headers: async () => requestHeaders,
}));
let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => caller }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));

const { requestSignInLink } = await import("@/lib/auth/actions");
const { applyReferralCodeAction } = await import("@/lib/referrals-ui/actions");
const { recordReferralAtSignIn } = await import("@/lib/referrals/sign-in");
const { pricingReferral } = await import("@/lib/referrals/invite");

const uid = () => crypto.randomUUID().slice(0, 8);
let ipSeq = 0;

async function person(name = "Alex Morgan"): Promise<CurrentUser> {
  const [user] = await db.insert(users).values({ email: `${name.split(" ")[0].toLowerCase()}-${uid()}@example.com`, name }).returning();
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

async function codeOf(user: { id: string }): Promise<string> {
  const code = `F${uid().toUpperCase()}`;
  await db.insert(referralCodes).values({ code, userId: user.id, vanity: false });
  return code;
}

const signUpForm = (email: string, referralCode: string) => {
  const form = new FormData();
  form.set("email", email);
  form.set("callbackUrl", "/pricing");
  form.set("referralCode", referralCode);
  return form;
};

/** The action redirects on success (Next's redirect throws); returns where it went, or the refusal. */
async function submit(form: FormData): Promise<{ redirectedTo: string } | Awaited<ReturnType<typeof requestSignInLink>>> {
  try {
    return await requestSignInLink(null, form);
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return { redirectedTo: digest.split(";")[2] };
  }
}

const emailsTo = (to: string) => db.select().from(emailOutbox).where(eq(emailOutbox.to, to));
const attemptsOf = (email: string) => db.select().from(signInAttempts).where(eq(signInAttempts.email, email));
const referralOf = async (userId: string) => (await db.select().from(referrals).where(eq(referrals.refereeUserId, userId)))[0];

beforeEach(() => {
  jar.clear();
  caller = null;
  // A fresh address per case: the per-IP sign-in limit spans the file.
  requestHeaders = new Headers({ host: "localhost:3000", "x-forwarded-proto": "http", "x-forwarded-for": `198.51.100.${++ipSeq}`, "user-agent": "Browser/1.0" });
});

describe("a referral code on the join form", () => {
  it("a known code is kept in an HttpOnly cookie for 7 days and the link is emailed", async () => {
    const referrer = await person("Robin Referrer");
    const code = await codeOf(referrer);
    const email = `joiner-${uid()}@example.com`;
    expect(await submit(signUpForm(email, `  ${code.toLowerCase()} `))).toEqual({ redirectedTo: `/sign-in/check-email?email=${encodeURIComponent(email)}` });
    expect(jar.get(REFERRAL_CODE_COOKIE)).toEqual({
      value: code,
      options: { httpOnly: true, sameSite: "lax", secure: false, maxAge: 7 * 24 * 60 * 60, path: "/" },
    });
    expect(await emailsTo(email)).toHaveLength(1);
  });

  it("the kept code is recorded at the first sign-in", async () => {
    const referrer = await person("Robin Referrer");
    const code = await codeOf(referrer);
    const joiner = await person("Jo Joiner");
    await submit(signUpForm(joiner.email, code));
    // The emailed link is opened: Auth.js creates the user and calls events.signIn in the same browser.
    await recordReferralAtSignIn({ id: joiner.id, email: joiner.email });
    expect(await referralOf(joiner.id)).toMatchObject({ referrerUserId: referrer.id, code, source: "code", status: "pending", clickId: null });
  });

  it.each([
    ["unknown", "NOSUCH-CODE", "We don't know that code"],
    ["malformed", "no spaces!", "letters, digits and dashes"],
  ])("an %s code is a field error: no email, no attempt counted, no cookie", async (_case, typed, message) => {
    const email = `refused-${uid()}@example.com`;
    const result = await submit(signUpForm(email, typed));
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { referralCode: [expect.stringContaining(message)] } });
    expect(await emailsTo(email)).toHaveLength(0);
    expect(await attemptsOf(email)).toHaveLength(0);
    expect(jar.has(REFERRAL_CODE_COOKIE)).toBe(false);
  });

  it("answers the same for an existing member and a new address (no account enumeration)", async () => {
    const code = await codeOf(await person("Robin Referrer"));
    const existing = await person("Sam Member");
    const fresh = `fresh-${uid()}@example.com`;
    const a = await submit(signUpForm(existing.email, "NOSUCH-CODE"));
    const b = await submit(signUpForm(fresh, "NOSUCH-CODE"));
    expect(a).toEqual(b);
    const c = await submit(signUpForm(existing.email, code));
    const d = await submit(signUpForm(fresh, code));
    expect(c).toEqual({ redirectedTo: expect.stringContaining("/sign-in/check-email") });
    expect(d).toEqual({ redirectedTo: expect.stringContaining("/sign-in/check-email") });
  });

  it("an empty field is no code: the link is sent and no cookie is set", async () => {
    const email = `nocode-${uid()}@example.com`;
    expect(await submit(signUpForm(email, ""))).toEqual({ redirectedTo: expect.stringContaining("/sign-in/check-email") });
    expect(jar.has(REFERRAL_CODE_COOKIE)).toBe(false);
    expect(await emailsTo(email)).toHaveLength(1);
  });

  it("the rate limit still applies with a valid code", async () => {
    const code = await codeOf(await person("Robin Referrer"));
    const email = `limited-${uid()}@example.com`;
    await submit(signUpForm(email, code));
    jar.clear();
    expect(await submit(signUpForm(email, code))).toMatchObject({ ok: false, code: "rate_limited" });
    expect(await emailsTo(email)).toHaveLength(1);
    expect(jar.has(REFERRAL_CODE_COOKIE)).toBe(false);
  });
});

describe("a referral code on the pricing page", () => {
  const apply = (code: string) => applyReferralCodeAction({ code });

  it("refuses an anonymous caller", async () => {
    expect(await apply("ABCD")).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("a friend's code records the referral; the page then shows the invitation with the discount and no form", async () => {
    const referrer = await person("Robin Referrer");
    const code = await codeOf(referrer);
    caller = await person("Jo Joiner");
    expect(await pricingReferral({ userId: caller.id, ref: code, hasLiveMembership: false })).toEqual({ invite: null, codeForm: { prefill: code } });
    expect(await apply(code.toLowerCase())).toEqual({ ok: true, data: { status: "pending" } });
    expect(await referralOf(caller.id)).toMatchObject({ referrerUserId: referrer.id, source: "code", status: "pending" });
    expect(await pricingReferral({ userId: caller.id, hasLiveMembership: false })).toEqual({
      invite: { code, referrerName: "Robin", offer: { kind: "discount", percent: 20 }, state: "member" },
      codeForm: null,
    });
  });

  it.each([
    ["an unknown code", async () => ({ code: "NOSUCH-CODE" }), "We don't know that code"],
    ["their own code", async (me: CurrentUser) => ({ code: await codeOf(me) }), "your own code"],
    ["a code of their other account (same mailbox)", async (me: CurrentUser) => {
      const [alias] = await db.insert(users).values({ email: me.email.replace("@", "+alt@"), name: "Alex Alt" }).returning();
      return { code: await codeOf(alias) };
    }, "your own code"],
    ["a member who had a paid membership", async (me: CurrentUser) => {
      await db.insert(plans).values(DEFAULT_PLANS).onConflictDoNothing();
      await db.insert(memberships).values({ userId: me.id, planId: "lifetime", status: "refunded" });
      return { code: await codeOf(await person("Robin Referrer")) };
    }, "first paid membership"],
  ])("refuses %s as a field error and records nothing", async (_case, setup, message) => {
    caller = await person();
    const { code } = await setup(caller);
    expect(await apply(code)).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { code: [expect.stringContaining(message)] } });
    expect(await referralOf(caller.id)).toBeUndefined();
  });

  it("refuses a member who was already referred, naming the referrer by first name, and keeps that referral", async () => {
    const first = await person("Robin Referrer");
    const second = await person("Kim Other");
    caller = await person("Jo Joiner");
    expect(await apply(await codeOf(first))).toMatchObject({ ok: true });
    const before = await referralOf(caller.id);
    const result = await apply(await codeOf(second));
    expect(result).toMatchObject({ ok: false, fieldErrors: { code: ["You were already invited by Robin, and a membership can have only one referral."] } });
    expect(await referralOf(caller.id)).toEqual(before);
    expect(await db.select().from(referrals).where(and(eq(referrals.refereeUserId, caller.id), eq(referrals.referrerUserId, second.id)))).toHaveLength(0);
  });

  it("a malformed code is refused by the schema", async () => {
    caller = await person();
    expect(await apply("a b")).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { code: expect.any(Array) } });
    expect(await referralOf(caller.id)).toBeUndefined();
  });

  it("the form is prefilled from the code kept at sign-up, and hidden once there is a live membership", async () => {
    const code = await codeOf(await person("Robin Referrer"));
    const me = await person();
    expect(await pricingReferral({ userId: me.id, keptCode: code, hasLiveMembership: false })).toEqual({ invite: null, codeForm: { prefill: code } });
    expect(await pricingReferral({ userId: me.id, ref: "NOSUCH-CODE", hasLiveMembership: false })).toEqual({ invite: null, codeForm: { prefill: "" } });
    expect(await pricingReferral({ userId: me.id, ref: code, hasLiveMembership: true })).toEqual({ invite: null, codeForm: null });
    expect(await pricingReferral({ userId: null, ref: code.toLowerCase(), hasLiveMembership: false })).toEqual({
      invite: { code, referrerName: "Robin", offer: { kind: "discount", percent: 20 }, state: "visitor" },
      codeForm: null,
    });
  });

  it("in points mode the invitation shows the welcome points actually posted, or held for a flagged sign-up", async () => {
    const [admin] = await db.insert(users).values({ email: `admin-${uid()}@example.com`, role: "admin" }).returning();
    await updateReferralSettings(admin.id, { refereeReward: "points", refereeBonusPoints: 400 }, "points for friends");
    try {
      const code = await codeOf(await person("Robin Referrer"));
      caller = await person("Jo Joiner");
      expect(await apply(code)).toEqual({ ok: true, data: { status: "pending" } });
      expect((await pricingReferral({ userId: caller.id, hasLiveMembership: false })).invite).toMatchObject({ offer: { kind: "points", points: 400 }, state: "member" });

      const [throwaway] = await db.insert(users).values({ email: `x-${uid()}@mailinator.com`, name: "Pat" }).returning();
      caller = { id: throwaway.id, email: throwaway.email, name: throwaway.name, role: throwaway.role };
      expect(await apply(code)).toEqual({ ok: true, data: { status: "flagged" } });
      expect((await pricingReferral({ userId: caller.id, hasLiveMembership: false })).invite).toMatchObject({ offer: { kind: "points", points: 400 }, state: "held" });
    } finally {
      await updateReferralSettings(admin.id, { ...DEFAULT_REFERRAL_SETTINGS }, "reset");
    }
  });
});
