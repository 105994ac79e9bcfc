import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtActions } from "./support/build-surface";
import { callAction, type ActionResponse } from "./support/http";
import { startRun, type AppRun } from "./support/session";

/**
 * Sign-in over HTTP against the production build, served as a deployment is (AUTH_URL https://…):
 * the same answer for known and unknown addresses (WSTG-IDNT-04), the email limits (ASVS V2.2.1),
 * a link that only its button uses (V2.7.3 single use; link scanners only read), and the cookie
 * flags (V3.4.1–V3.4.3, V3.4.5). At the end the database says exactly what was sent: one email and
 * one attempt per request that was let through, none for a refused one.
 */

let run: AppRun;
beforeAll(async () => {
  run = await startRun("sign-in", { https: true });
});
afterAll(async () => {
  await run?.app.stop();
});

const requestLink = builtActions().find((a) => a.key === "lib/auth/actions.ts#requestSignInLink")!;
let allowed = 0;
let ipCounter = 0;
/** Each journey from its own address unless a test is about one address: the per-IP limit spans the file. */
const freshIp = () => `198.51.100.${++ipCounter}`;

async function ask(email: string, ip = freshIp()): Promise<ActionResponse> {
  const started = performance.now();
  const response = await callAction(run.url, { id: requestLink.id, page: "/sign-in", args: [{ email }], caller: run.callers.anonymous, headers: { "x-forwarded-for": ip } });
  if (response.redirect) allowed++;
  return Object.assign(response, { ms: performance.now() - started });
}

/** What a person (or a script) can observe of the answer, with their own address taken out. */
function observable(response: ActionResponse, email: string) {
  return {
    status: response.status,
    redirect: response.redirect?.replace(encodeURIComponent(email), "<email>") ?? null,
    result: response.result ?? null,
  };
}

const KNOWN = ["member@cairn.test", "alex@cairn.test", "sam@cairn.test"];
const UNKNOWN = ["nobody-1@security.test", "nobody-2@security.test", "nobody-3@security.test"];

describe("WSTG-IDNT-04 no account enumeration through sign-in", () => {
  it("WSTG-IDNT-04 a known and an unknown address get the same answer", async () => {
    const known = await Promise.all(KNOWN.map((email) => ask(email).then((r) => observable(r, email))));
    const unknown = await Promise.all(UNKNOWN.map((email) => ask(email).then((r) => observable(r, email))));
    expect(known[0]).toEqual({ status: 200, redirect: "/sign-in/check-email?email=<email>;push", result: null });
    for (const answer of [...known, ...unknown]) expect(answer).toEqual(known[0]);
  });

  it("WSTG-IDNT-04 the rate-limited answer is the same for known and unknown addresses", async () => {
    const known = await ask(KNOWN[0]);
    const unknown = await ask(UNKNOWN[0]);
    expect(known.result).toMatchObject({ ok: false, code: "rate_limited" });
    expect(observable(unknown, UNKNOWN[0])).toEqual(observable(known, KNOWN[0]));
  });
});

describe("V2.2.1 sign-in emails are rate limited", () => {
  it("V2.2.1 one email per address per minute, however the address is written", async () => {
    const email = "limits-1@security.test";
    expect((await ask(email)).redirect).toBeTruthy();
    for (const variant of [email, email.toUpperCase(), `  ${email} `]) {
      expect((await ask(variant)).result, variant).toMatchObject({ ok: false, code: "rate_limited" });
    }
  });

  it("V2.2.1 at most 20 emails per IP per 15 minutes, across addresses", async () => {
    const ip = "203.0.113.77";
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push(await ask(`spray-${i}@security.test`, ip));
    expect(answers.slice(0, 20).every((a) => a.redirect)).toBe(true);
    expect(answers[20].result).toMatchObject({ ok: false, code: "rate_limited" });
  });
});

describe("sign-in links", () => {
  const email = "journey@security.test";
  let link: URL;
  let sessionCookie = "";

  it("the email's link opens the confirmation page, which only reads (a GET never uses the token)", async () => {
    expect((await ask(email)).redirect).toBeTruthy();
    const mailbox = await (await fetch(`${run.url}/dev/mailbox?to=${encodeURIComponent(email)}`)).text();
    const messageId = /href="\/dev\/mailbox\/([0-9a-f-]{36})"/.exec(mailbox)?.[1];
    expect(messageId).toBeTruthy();
    const message = await (await fetch(`${run.url}/dev/mailbox/${messageId}`)).text();
    const href = /href="(http[^"]*\/sign-in\/confirm\?[^"]+)"/.exec(message)?.[1]?.replaceAll("&amp;", "&");
    expect(href).toBeTruthy();
    link = new URL(href!);
    for (let i = 0; i < 3; i++) {
      const page = await fetch(new URL(link.pathname + link.search, run.url), { redirect: "manual" });
      expect(page.status).toBe(200);
      expect(page.headers.get("set-cookie") ?? "").not.toMatch(/session-token/);
      expect(await page.text()).toContain("Sign in to");
    }
  });

  it("V3.4.1 V3.4.2 V3.4.3 V3.4.5 its button signs in with a __Secure-, Secure, HttpOnly, SameSite=Lax session cookie for the whole site", async () => {
    const callback = new URL("/api/auth/callback/resend", run.url);
    for (const key of ["token", "email", "callbackUrl"]) callback.searchParams.set(key, link.searchParams.get(key) ?? "");
    const response = await fetch(callback, { redirect: "manual" });
    expect(response.status).toBe(302);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__Secure-authjs.session-token="));
    expect(cookie, response.headers.getSetCookie().join("\n")).toBeTruthy();
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
    expect(cookie).not.toMatch(/;\s*Domain=/i);
    sessionCookie = cookie!.split(";")[0];
    const dashboard = await fetch(`${run.url}/dashboard`, { headers: { cookie: sessionCookie }, redirect: "manual" });
    expect(dashboard.status).toBe(200);
  });

  it("V2.7.3 the link works once: a second use signs nobody in", async () => {
    const callback = new URL("/api/auth/callback/resend", run.url);
    for (const key of ["token", "email", "callbackUrl"]) callback.searchParams.set(key, link.searchParams.get(key) ?? "");
    const response = await fetch(callback, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/\/sign-in\/error\?error=Verification/);
    expect(response.headers.getSetCookie().some((c) => /session-token=[^;]+/.test(c))).toBe(false);
    const page = await (await fetch(new URL(link.pathname + link.search, run.url))).text();
    expect(page).toContain("no longer works");
  });

  it("V3.4.2 V3.4.3 Auth.js's CSRF and callback cookies are HttpOnly and SameSite=Lax, the CSRF one __Host-", async () => {
    const response = await fetch(`${run.url}/api/auth/csrf`);
    const cookies = response.headers.getSetCookie();
    const csrf = cookies.find((c) => c.startsWith("__Host-authjs.csrf-token="));
    expect(csrf, cookies.join("\n")).toBeTruthy();
    expect(csrf).toMatch(/;\s*HttpOnly/i);
    expect(csrf).toMatch(/;\s*SameSite=Lax/i);
    expect(csrf).toMatch(/;\s*Secure/i);
  });

  it("V3.4.1 V3.4.2 V3.4.3 the referral cookie is Secure, HttpOnly and SameSite=Lax in production", async () => {
    const response = await fetch(`${run.url}/r/MORGAN`, { redirect: "manual" });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("cairn_ref="));
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  });
});

describe("what was sent", () => {
  it("V2.2.1 one email and one recorded attempt per request let through; none for a refused one", async () => {
    const { changes } = await run.finish();
    const added = (table: string) => changes.find((c) => c.table === table)?.added ?? [];
    const signInEmails = added("public.email_outbox").filter((row) => row.includes("sign-in"));
    expect(signInEmails).toHaveLength(allowed);
    expect(added("public.sign_in_attempts")).toHaveLength(allowed);
  });
});
