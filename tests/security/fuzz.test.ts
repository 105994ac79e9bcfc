import { createHmac } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodePathSegment, hostileHeader, hostileObject, hostileString, malformedActionInput } from "./support/arbitraries";
import { builtActions } from "./support/build-surface";
import { emulatorWebhookSecret } from "./support/fixtures";
import { callAction, cookieFor, describeResponse, type Caller } from "./support/http";
import { startRun, type AppRun } from "./support/session";
import { ACTIONS } from "./surface";

/**
 * ASVS V5.1.3/V5.1.4 (input validation) and V7.4.1 (a generic message, never a crash): generated
 * malformed input — 10,000 calls across every server action, the order API, the Stripe webhook
 * and referral links — against the production build. Every call must be refused with a 4xx or a
 * refusal result (never a 5xx, never the action factory's "internal" error), and no row of any
 * table may change. The seed is fixed per run and printed, so a failure can be replayed
 * (FUZZ_SEED=<n>); FUZZ_RUNS scales the count.
 */

const SEED = Number(process.env.FUZZ_SEED) || 20261122;
const TOTAL = Number(process.env.FUZZ_RUNS) || 10_000;
const SHARE = { actions: 0.64, orderApi: 0.18, webhook: 0.1, referralLinks: 0.08 };
/** Pages that read their URL, on top of the 10,000: rendering is the slowest path, so fewer. */
const PAGE_RUNS = Math.ceil(TOTAL * 0.04);

let run: AppRun;
const counted = { calls: 0 };
const started = performance.now();
beforeAll(async () => {
  run = await startRun("fuzz");
  console.info(`[fuzz] seed ${SEED}, ${TOTAL} inputs`);
});
afterAll(async () => {
  await run?.app.stop();
});

const actions = builtActions().sort((a, b) => a.key.localeCompare(b.key));
type Who = "anonymous" | "attacker" | "admin";
const callersFor = (key: string): Who[] => {
  const spec = ACTIONS[key];
  if (spec.fuzz?.callers) return [...spec.fuzz.callers];
  if (spec.guard === "admin") return ["anonymous", "attacker", "admin"];
  if (spec.guard === "member") return ["anonymous", "attacker"];
  return ["anonymous"];
};
const targets = actions.flatMap((a) => (ACTIONS[a.key] ? callersFor(a.key).map((who) => ({ action: a, who })) : []));
const runsPerTarget = Math.max(1, Math.ceil((TOTAL * SHARE.actions) / targets.length));

const options = (runs: number) => ({ numRuns: runs, seed: SEED, endOnFailure: true });

describe("V5.1.3 server actions refuse malformed input with a clear answer", () => {
  for (const { action, who } of targets) {
    const spec = ACTIONS[action.key];
    it.concurrent(`V5.1.3 ${action.key.split("#")[1]} as ${who}: ${runsPerTarget} malformed calls, each refused, none a 5xx or an internal error`, async () => {
      const caller: Caller = run.callers[who];
      const sample = spec.input(run.fixture);
      await fc.assert(
        fc.asyncProperty(malformedActionInput(sample, spec), async (input) => {
          const response = await callAction(run.url, { id: action.id, page: action.page, args: input.args, caller });
          counted.calls++;
          const what = `${input.mode} → ${describeResponse(response)}`;
          expect(response.status, what).toBeLessThan(500);
          expect(response.errored, what).toBe(false);
          expect(response.result?.ok === false && response.result.code, what).not.toBe("internal");
          if (spec.fuzz?.outcome === "any") return;
          expect(response.result?.ok, what).toBe(false);
        }),
        options(runsPerTarget),
      );
    });
  }
});

// ───────────────────────────── the order API ─────────────────────────────

const sign = (secret: string, timestamp: number | string, body: string) => `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

const validOrder = () => ({ externalId: "fuzz-order", email: "fuzz@security.test", currency: "USD", totalCents: 1000, qualifyingCents: 900, placedAt: new Date().toISOString() });
const validEvent = () => ({ externalId: "fuzz-event", email: "fuzz@security.test", type: "review" });
const validRefund = () => ({ refundId: "fuzz-refund", amountCents: 100 });

/** A body that fails the endpoint's schema: one required field dropped or of a type no rule accepts. */
function brokenBody(valid: Record<string, unknown>, required: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...required), fc.option(fc.oneof(hostileObject, fc.constant(null), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.constantFrom(-1, 0.5, 1e300, -0.000001)), { nil: undefined }), fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }))
    .map(([field, replacement, extra]) => {
      const body: Record<string, unknown> = { ...extra, ...valid };
      if (replacement === undefined) delete body[field];
      else body[field] = replacement;
      return JSON.stringify(body);
    })
    .filter((body) => !/"(totalCents|qualifyingCents|amountCents)":0[,}]/.test(body));
}

type ApiRequest = { path: string; headers: Record<string, string>; body: string; kind: string };

function orderApiRequests(): fc.Arbitrary<ApiRequest> {
  const { id, secret } = run.fixture.integration;
  const revoked = run.fixture.revokedIntegration;
  const endpoint = fc.constantFrom(
    { path: "/api/v1/orders", valid: validOrder, required: ["externalId", "email", "currency", "totalCents", "qualifyingCents", "placedAt"] },
    { path: "/api/v1/events", valid: validEvent, required: ["externalId", "email", "type"] },
    { path: "/api/v1/orders/1001/refunds", valid: validRefund, required: ["refundId", "amountCents"] },
  );
  const anyBody = fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 }), endpoint.map((e) => JSON.stringify(e.valid())));
  const json = { "content-type": "application/json" };
  return fc.oneof(
    // unsigned, or some of the three headers missing
    fc.tuple(endpoint, anyBody, fc.subarray(["Cairn-Integration", "Cairn-Timestamp", "Cairn-Signature"], { maxLength: 2 })).map(([e, body, present]) => {
      const all: Record<string, string> = { "Cairn-Integration": id, "Cairn-Timestamp": String(now()), "Cairn-Signature": sign(secret, now(), body) };
      return { kind: "missing headers", path: e.path, body, headers: { ...json, ...Object.fromEntries(present.map((h) => [h, all[h]])) } };
    }),
    // a signature that is not the secret's
    fc.tuple(endpoint, anyBody, fc.oneof(hostileHeader, fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `v1=${h}`))).map(([e, body, signature]) => ({
      kind: "wrong signature",
      path: e.path,
      body,
      headers: { ...json, "Cairn-Integration": id, "Cairn-Timestamp": String(now()), "Cairn-Signature": signature },
    })),
    // a valid signature on a stale, future or malformed timestamp
    fc.tuple(endpoint, fc.oneof(fc.integer({ min: 301, max: 10_000_000 }).map((d) => String(now() - d)), fc.integer({ min: 301, max: 10_000_000 }).map((d) => String(now() + d)), hostileHeader)).map(([e, timestamp]) => {
      const body = JSON.stringify(e.valid());
      return { kind: "bad timestamp", path: e.path, body, headers: { ...json, "Cairn-Integration": id, "Cairn-Timestamp": timestamp, "Cairn-Signature": sign(secret, timestamp, body) } };
    }),
    // an integration id that is no integration, or a revoked one signing correctly
    fc.tuple(endpoint, fc.oneof(hostileHeader, fc.uuid({ version: 4 }), fc.constant(revoked.id))).map(([e, integration]) => {
      const body = JSON.stringify(e.valid());
      const key = integration === revoked.id ? revoked.secret : secret;
      return { kind: "unknown or revoked integration", path: e.path, body, headers: { ...json, "Cairn-Integration": integration, "Cairn-Timestamp": String(now()), "Cairn-Signature": sign(key, now(), body) } };
    }),
    // correctly signed, but not JSON, not an object, or a body the schema refuses
    fc.tuple(endpoint, fc.oneof(fc.string({ maxLength: 100 }).filter((s) => !isJson(s)), fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== "object" || v === null || Array.isArray(v)).map((v) => JSON.stringify(v)))).map(([e, body]) => ({
      kind: "signed, not an object",
      path: e.path,
      body,
      headers: { ...json, "Cairn-Integration": id, "Cairn-Timestamp": String(now()), "Cairn-Signature": sign(secret, now(), body) },
    })),
    // correctly signed and valid, but for a NUL in one text field (Postgres cannot store it)
    fc.tuple(endpoint, fc.constantFrom("externalId", "email", "currency", "refundId", "type", "memo")).map(([e, field]) => {
      const body = JSON.stringify({ ...e.valid(), [field]: `nul\u0000${field}` });
      return { kind: "signed, NUL in a field", path: e.path, body, headers: { ...json, "Cairn-Integration": id, "Cairn-Timestamp": String(now()), "Cairn-Signature": sign(secret, now(), body) } };
    }),
    endpoint.chain((e) =>
      brokenBody(e.valid(), e.required).map((body) => ({
        kind: "signed, schema refuses",
        path: e.path,
        body,
        headers: { ...json, "Cairn-Integration": id, "Cairn-Timestamp": String(now()), "Cairn-Signature": sign(secret, now(), body) },
      })),
    ),
    // a correctly signed refund of an order this integration never sent (any external id in the path)
    fc.oneof(hostileString, fc.string({ minLength: 1, maxLength: 100 })).filter((s) => s.length > 0).map((externalId) => {
      const body = JSON.stringify(validRefund());
      return { kind: "refund of no order", path: `/api/v1/orders/${encodePathSegment(externalId)}/refunds`, body, headers: { ...json, "Cairn-Integration": id, "Cairn-Timestamp": String(now()), "Cairn-Signature": sign(secret, now(), body) } };
    }),
  );
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function post(request: ApiRequest): Promise<{ status: number; text: string }> {
  const response = await fetch(new URL(request.path, run.url), { method: "POST", redirect: "manual", headers: request.headers, body: request.body });
  counted.calls++;
  return { status: response.status, text: (await response.text()).slice(0, 300) };
}

const orderApiRuns = Math.ceil(TOTAL * SHARE.orderApi);
const ORDER_API_SHARDS = 4;

describe("V13.2.2 V13.2.6 the order API refuses malformed and unsigned requests with a 4xx", () => {
  for (let shard = 0; shard < ORDER_API_SHARDS; shard++) {
    it.concurrent(`V13.2.2 V13.2.6 /api/v1/* (part ${shard + 1}/${ORDER_API_SHARDS}): ${Math.ceil(orderApiRuns / ORDER_API_SHARDS)} malformed or unsigned requests, each a 4xx`, async () => {
      await fc.assert(
        fc.asyncProperty(orderApiRequests(), async (request) => {
          const response = await post(request);
          const what = `${request.kind} ${request.path.slice(0, 120)} → ${response.status} ${response.text}`;
          expect(response.status, what).toBeGreaterThanOrEqual(400);
          expect(response.status, what).toBeLessThan(500);
          // Refusals are JSON with words in them (docs/order-api.md) — except a URL too long for
          // Node's HTTP parser (431), answered before the app sees the request.
          if (response.status !== 431) expect(() => JSON.parse(response.text), what).not.toThrow();
        }),
        { ...options(Math.ceil(orderApiRuns / ORDER_API_SHARDS)), seed: SEED + shard },
      );
    });
  }
});

// ───────────────────────────── the Stripe webhook ─────────────────────────────

const stripeSignature = (timestamp: number | string, body: string) => `t=${timestamp},v1=${createHmac("sha256", emulatorWebhookSecret()).update(`${timestamp}.${body}`).digest("hex")}`;

function webhookRequests(): fc.Arbitrary<ApiRequest> {
  const event = fc.record({ id: fc.string({ maxLength: 30 }).map((s) => `evt_${s}`), type: fc.constantFrom("invoice.paid", "checkout.session.completed", "charge.refunded", "customer.subscription.deleted"), data: fc.record({ object: fc.jsonValue({ maxDepth: 2 }) }) }).map((e) => JSON.stringify(e));
  const body = fc.oneof(fc.string({ maxLength: 200 }), event);
  const json = { "content-type": "application/json" };
  return fc.oneof(
    body.map((b) => ({ kind: "unsigned", path: "/api/stripe/webhook", body: b, headers: json })),
    fc.tuple(body, fc.oneof(hostileHeader, fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `t=${now()},v1=${h}`), fc.constant(`t=${now()}`), fc.constant("v1=,v0=,t="))).map(([b, signature]) => ({
      kind: "forged signature",
      path: "/api/stripe/webhook",
      body: b,
      headers: { ...json, "stripe-signature": signature },
    })),
    fc.tuple(event, fc.integer({ min: 301, max: 10_000_000 })).map(([b, age]) => ({ kind: "replayed (stale)", path: "/api/stripe/webhook", body: b, headers: { ...json, "stripe-signature": stripeSignature(now() - age, b) } })),
    fc.string({ maxLength: 200 }).filter((s) => !isJson(s)).map((b) => ({ kind: "signed, not JSON", path: "/api/stripe/webhook", body: b, headers: { ...json, "stripe-signature": stripeSignature(now(), b) } })),
  );
}

const webhookRuns = Math.ceil(TOTAL * SHARE.webhook);

describe("V13.2.6 the Stripe webhook refuses unsigned, forged, replayed and unparseable deliveries", () => {
  for (let shard = 0; shard < 2; shard++) {
    it.concurrent(`V13.2.6 POST /api/stripe/webhook (part ${shard + 1}/2): ${Math.ceil(webhookRuns / 2)} deliveries, each a 400`, async () => {
      await fc.assert(
        fc.asyncProperty(webhookRequests(), async (request) => {
          const response = await post(request);
          expect(response.status, `${request.kind} → ${response.status} ${response.text}`).toBe(400);
        }),
        { ...options(Math.ceil(webhookRuns / 2)), seed: SEED + 100 + shard },
      );
    });
  }
});

// ───────────────────────────── referral links ─────────────────────────────

/** Codes the fixture database knows: a generated "code" must be none of them (it would legitimately record a click). */
const KNOWN_CODES = ["MORGAN", "VICTIM1"];

const referralPath = fc.oneof(
  hostileString.map(encodePathSegment),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }).map(encodePathSegment),
  fc.constantFrom("%", "%E0%A4%A", "%zz", "%C0%AF", "..", "%2e%2e", "%2F", "a%00b", "A".repeat(5000), "MORGAN%00", "%4DORGAN%20X"),
  fc.stringMatching(/^[A-Za-z0-9-]{1,24}$/),
);

const referralRuns = Math.ceil(TOTAL * SHARE.referralLinks);

describe("V5.1.3 referral links /r/<code> take any path without a 5xx and record nothing for unknown codes", () => {
  it.concurrent(`V5.1.3 GET /r/<code>: ${referralRuns} malformed codes, cookies and client headers, none a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(
        referralPath.filter((p) => {
          let decoded: string;
          try {
            decoded = decodeURIComponent(p);
          } catch {
            return true;
          }
          return !KNOWN_CODES.includes(decoded.trim().toUpperCase());
        }),
        fc.option(hostileString.map(encodePathSegment), { nil: undefined }),
        fc.option(fc.oneof(hostileHeader, fc.ipV4(), fc.ipV6()), { nil: undefined }),
        async (code, cookie, forwardedFor) => {
          const headers: Record<string, string> = {};
          if (cookie !== undefined) headers.cookie = `cairn_ref=${cookie}`;
          if (forwardedFor !== undefined) headers["x-forwarded-for"] = forwardedFor;
          const response = await fetch(`${run.url}/r/${code}`, { redirect: "manual", headers });
          counted.calls++;
          await response.arrayBuffer();
          expect(response.status, `/r/${code.slice(0, 100)} → ${response.status}`).toBeLessThan(500);
        },
      ),
      { ...options(referralRuns), seed: SEED + 200 },
    );
  });
});

// ───────────────────────────── pages that read their URL ─────────────────────────────

/**
 * Malformed %-escapes (and invalid UTF-8 like %C0%AF) go in query strings only: in a dynamic
 * route's path segment (/rewards/%E0%A4%A) Next answers its own plain 500 while matching the
 * route, before any app code runs.
 */
const PAGES: { who: Who; in: "path" | "query"; path: (v: string) => string }[] = [
  { who: "anonymous", in: "query", path: (v) => `/sign-in/confirm?token=${"a".repeat(64)}&email=${v}&callbackUrl=${v}` },
  { who: "anonymous", in: "query", path: (v) => `/sign-in/confirm?token=${v}&email=${v}` },
  { who: "anonymous", in: "query", path: (v) => `/sign-in?callbackUrl=${v}&ref=${v}` },
  { who: "anonymous", in: "query", path: (v) => `/sign-in/check-email?email=${v}` },
  { who: "anonymous", in: "query", path: (v) => `/sign-in/error?error=${v}` },
  { who: "anonymous", in: "query", path: (v) => `/pricing?ref=${v}&checkout=${v}` },
  { who: "anonymous", in: "path", path: (v) => `/rewards/${v}` },
  { who: "anonymous", in: "path", path: (v) => `/surveys/reply/${v}` },
  { who: "anonymous", in: "query", path: (v) => `/billing/success?session_id=${v}` },
  { who: "anonymous", in: "query", path: (v) => `/dev/mailbox?to=${v}` },
  { who: "anonymous", in: "path", path: (v) => `/dev/mailbox/${v}` },
  { who: "anonymous", in: "path", path: (v) => `/dev/stripe/checkout/${v}` },
  { who: "anonymous", in: "path", path: (v) => `/dev/stripe/portal/${v}` },
  { who: "anonymous", in: "path", path: (v) => `/api/rewards/images/${v}` },
  { who: "attacker", in: "path", path: (v) => `/redemptions/${v}` },
  { who: "attacker", in: "path", path: (v) => `/surveys/${v}` },
  { who: "admin", in: "query", path: (v) => `/admin/members?q=${v}&plan=${v}&tier=${v}&status=${v}&from=${v}&to=${v}&after=${v}` },
  { who: "admin", in: "path", path: (v) => `/admin/members/${v}` },
  { who: "admin", in: "query", path: (v) => `/admin/operations/emails?status=${v}&to=${v}` },
  { who: "admin", in: "query", path: (v) => `/admin/operations/audit?actor=${v}&action=${v}&entityType=${v}&entityId=${v}` },
  { who: "admin", in: "query", path: (v) => `/admin/operations/stripe-events?status=${v}&type=${v}` },
  { who: "admin", in: "query", path: (v) => `/admin/analytics?from=${v}&to=${v}&cohorts=${v}` },
  { who: "admin", in: "query", path: (v) => `/admin/accounting?from=${v}&to=${v}` },
  { who: "admin", in: "query", path: (v) => `/admin/analytics/csv/membership?from=${v}&to=${v}` },
  { who: "admin", in: "query", path: (v) => `/admin/operations/exports/orders?from=${v}&to=${v}` },
  { who: "admin", in: "path", path: (v) => `/admin/rewards/${v}` },
  { who: "admin", in: "path", path: (v) => `/admin/sessions/${v}` },
];

describe("V5.1.3 pages that read their URL answer malformed values with a page, never a 5xx", () => {
  for (let shard = 0; shard < 2; shard++) {
    it.concurrent(`V5.1.3 ${PAGES.length} pages (part ${shard + 1}/2): ${Math.ceil(PAGE_RUNS / 2)} malformed paths and query strings, none a 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...PAGES), fc.oneof(hostileString.map(encodePathSegment), fc.constantFrom("%00", "a%00b")), fc.constantFrom("%", "%zz", "%E0%A4%A", "%C0%AF"), fc.boolean(), async (page, value, badEscape, useBadEscape) => {
          const path = page.path(page.in === "query" && useBadEscape ? badEscape : value);
          const response = await fetch(new URL(path, run.url), { redirect: "manual", headers: cookieFor(run.callers[page.who]) });
          await response.arrayBuffer();
          expect(response.status, `${path.slice(0, 160)} as ${page.who}`).toBeLessThan(500);
        }),
        { ...options(Math.ceil(PAGE_RUNS / 2)), seed: SEED + 300 + shard },
      );
    });
  }
});

describe("nothing changed", () => {
  it(`V5.1.3 every table's checksum equals the one taken before the fuzz (${TOTAL} inputs)`, async () => {
    const { changes, described } = await run.finish();
    console.info(`[fuzz] ${counted.calls} requests in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${SEED})`);
    expect(changes, described).toEqual([]);
    expect(counted.calls).toBeGreaterThanOrEqual(TOTAL);
  });
});
