import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtActions } from "./support/build-surface";
import { emulatorWebhookSecret, SECURITY_AUTH_SECRET } from "./support/fixtures";
import { callAction, cookieFor, describeResponse, type Caller } from "./support/http";
import { startRun, type AppRun } from "./support/session";
import { ACTIONS, ROUTES, type RouteRequest } from "./surface";

/**
 * ASVS V4.2.1 (no IDOR, no missing function-level access control) and V4.2.2 (CSRF), against the
 * production build: every server action and route handler the build ships is called anonymously
 * and as a member aiming at another member's data, and refused; cross-origin calls are refused
 * before any action runs; and at the end every table's checksum equals the one taken before the
 * server started — nothing was changed by any of the calls.
 */

let run: AppRun;
beforeAll(async () => {
  run = await startRun("access-control");
});
afterAll(async () => {
  await run?.app.stop();
});

const actions = builtActions().sort((a, b) => a.key.localeCompare(b.key));
const label = (key: string) => key.split("#")[1];
const callerOf = (who: "anonymous" | "attacker"): Caller => run.callers[who];

async function routeCall(request: RouteRequest): Promise<Response> {
  return fetch(new URL(request.path, run.url), {
    method: request.method,
    redirect: "manual",
    headers: { ...request.headers, ...(request.caller ? cookieFor(run.callers[request.caller]) : {}) },
    body: request.body,
  });
}

describe("the callers are who they claim (so every refusal below is the guard's)", () => {
  it("the member's session is live: the dashboard greets them", async () => {
    const response = await fetch(new URL("/dashboard", run.url), { headers: cookieFor(run.callers.attacker), redirect: "manual" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(run.fixture.attacker.email);
  });

  it("the admin's session is live: the admin console opens", async () => {
    const response = await fetch(new URL("/admin", run.url), { headers: cookieFor(run.callers.admin), redirect: "manual" });
    expect(response.status).toBe(200);
  });
});

describe("V4.2.1 server actions refuse callers without the right", () => {
  for (const action of actions) {
    const spec = ACTIONS[action.key];
    if (!spec) continue; // surface.test.ts names it
    const name = label(action.key);
    const call = (caller: Caller, input: Record<string, unknown>) => callAction(run.url, { id: action.id, page: action.page, args: [input], caller });

    if (spec.guard === "member" || spec.guard === "admin") {
      it(`V4.2.1 ${name} (${spec.guard}) refuses an anonymous caller`, async () => {
        const response = await call(run.callers.anonymous, spec.input(run.fixture));
        expect(response.result?.ok === false && response.result.code, describeResponse(response)).toBe("unauthenticated");
      });
    }
    if (spec.guard === "admin") {
      it(`V4.2.1 ${name} (admin) refuses a member`, async () => {
        const response = await call(run.callers.attacker, spec.input(run.fixture));
        expect(response.result?.ok === false && response.result.code, describeResponse(response)).toBe("forbidden");
      });
    }
    if (spec.guard === "member" && spec.foreign) {
      const refused = spec.foreign;
      it(`V4.2.1 ${name} refuses a member naming another member's record`, async () => {
        const response = await call(run.callers.attacker, spec.input(run.fixture));
        expect(response.result?.ok === false ? response.result.code : describeResponse(response)).toBeOneOf([...refused]);
      });
    }
    for (const probe of spec.probes ?? []) {
      it(`V4.2.1 ${name} (${spec.guard}) refuses ${probe.what}`, async () => {
        const response = await call(callerOf(probe.caller), probe.input(run.fixture));
        expect(response.result?.ok === false ? response.result.code : describeResponse(response)).toBeOneOf([...probe.refusedWith]);
      });
    }
  }
});

describe("V4.2.1 route handlers authorise themselves", () => {
  for (const [file, methods] of Object.entries(ROUTES)) {
    for (const [method, spec] of Object.entries(methods)) {
      for (const probe of spec.probes) {
        it(`V4.2.1 ${method} ${file.replace(/^app/, "").replace(/\/route\.ts$/, "")} (${spec.guard}) refuses ${probe.what}`, async () => {
          const request = probe.request(run.fixture);
          const response = await routeCall({ ...request, method });
          expect(response.status, await response.text().then((t) => t.slice(0, 300))).toBeOneOf([...probe.refusedWith]);
        });
      }
    }
  }
});

describe("V4.2.2 cross-origin calls are refused before any action runs", () => {
  // The worst case: a session cookie rides along (a browser without SameSite), and the input is
  // valid — were the origin check missing, these calls would change rows, and the checksum below would say so.
  const evil = "https://evil.example";
  const sessionFor = (guard: string) => (guard === "admin" ? run.callers.admin : run.callers.attacker);

  it("V4.2.2 every action called with Origin: https://evil.example is refused (Next answers 500 and runs nothing)", async () => {
    const accepted: string[] = [];
    for (const action of actions) {
      const spec = ACTIONS[action.key];
      if (!spec) continue;
      const response = await callAction(run.url, { id: action.id, page: action.page, args: [spec.input(run.fixture)], caller: sessionFor(spec.guard), headers: { origin: evil } });
      if (response.status < 400 || response.result !== undefined || response.redirect) accepted.push(`${label(action.key)}: ${describeResponse(response)}`);
    }
    expect(accepted).toEqual([]);
  });

  it("V4.2.2 a cross-site HTML form post to an action (no JavaScript) is refused", async () => {
    const action = actions.find((a) => a.key === "lib/settings-admin/actions.ts#updateBrandAction")!;
    const form = new FormData();
    form.set(`$ACTION_ID_${action.id}`, "");
    for (const [key, value] of Object.entries(ACTIONS[action.key].input(run.fixture))) form.set(key, String(value));
    for (const origin of [evil, "null"]) {
      const response = await fetch(new URL(action.page, run.url), { method: "POST", redirect: "manual", headers: { origin, ...cookieFor(run.callers.admin) }, body: form });
      expect(response.status, origin).toBeGreaterThanOrEqual(400);
    }
  });

  it("V4.2.2 state-changing route handlers take no session at all: a member's cookie does not sign an order", async () => {
    const response = await routeCall({ method: "POST", path: "/api/v1/orders", headers: { "content-type": "application/json", origin: evil }, body: JSON.stringify({ externalId: "csrf-1", email: run.fixture.attacker.email, currency: "USD", totalCents: 100000, qualifyingCents: 100000, placedAt: new Date().toISOString() }), caller: "attacker" });
    expect(response.status).toBe(401);
  });
});

describe("WSTG-INFO-05 pages carry no server secret", () => {
  it("WSTG-INFO-05 no page served to a visitor, a member or an admin holds the auth secret, the webhook secret, an integration secret or another person's session token", async () => {
    const f = run.fixture;
    const secrets: Record<string, string> = {
      "AUTH_SECRET": SECURITY_AUTH_SECRET,
      "the emulator's webhook secret": emulatorWebhookSecret(),
      "an integration secret": f.integration.secret,
      "the victim's session token": f.victim.sessionToken,
      "the attacker's session token": f.attacker.sessionToken,
    };
    const pages: [Caller, string][] = [
      ...["/", "/pricing", "/rewards", "/sign-in", "/dev/stripe", "/dev/mailbox"].map((p) => [run.callers.anonymous, p] as [Caller, string]),
      ...["/dashboard", "/points", "/redemptions"].map((p) => [run.callers.attacker, p] as [Caller, string]),
      ...["/admin", "/admin/integrations", `/admin/members/${f.victim.userId}`, "/admin/operations/stripe-events", "/admin/operations/emails"].map((p) => [run.callers.admin, p] as [Caller, string]),
    ];
    const leaks: string[] = [];
    for (const [caller, page] of pages) {
      const response = await fetch(new URL(page, run.url), { headers: cookieFor(caller), redirect: "manual" });
      expect(response.status, `${page} as ${caller.name}`).toBe(200);
      const html = await response.text();
      for (const [name, value] of Object.entries(secrets)) if (html.includes(value)) leaks.push(`${page} (${caller.name}): ${name}`);
    }
    expect(leaks).toEqual([]);
  });
});

describe("sign-in links", () => {
  it("a GET of the emailed link reads only: the token survives link scanners opening it twice", async () => {
    const { email, token } = run.fixture.magicLink;
    const url = new URL(`/sign-in/confirm?${new URLSearchParams({ token, email, callbackUrl: "/dashboard" })}`, run.url);
    for (let i = 0; i < 2; i++) {
      const response = await fetch(url, { method: i === 0 ? "HEAD" : "GET", redirect: "manual" });
      expect(response.status).toBe(200);
      expect(response.headers.get("set-cookie") ?? "").not.toMatch(/session-token/);
    }
    const page = await (await fetch(url)).text();
    expect(page).toContain("Sign in to");
    expect(page).not.toContain("no longer works");
  });
});

describe("nothing changed", () => {
  it("V4.2.1 every table's checksum equals the one taken before the server started", async () => {
    const { changes, described } = await run.finish();
    expect(changes, described).toEqual([]);
  });
});
