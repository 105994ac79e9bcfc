import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stripeEmulatorObjects as objects } from "@/db/schema";
import { createHarness, createPlan, subscribe, type Harness } from "./test-harness";

// Each file opens an in-memory PGlite and migrates it: slow on a busy two-core machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

/**
 * The contract with Stripe's own example objects (shared/stripe/fixtures3.json, from
 * stripe/openapi): for every object the emulator produces, each field it shares with the fixture of
 * the same `object` type has the same JSON type, ids carry the fixture's prefix, and `object` values
 * match. Nulls are skipped on either side (Stripe's fields are nullable; the fixture often has null
 * where a live object has a value). Fields the fixture lacks must be on the list below, each one a
 * field of the installed SDK's types (the second reference).
 */

const FIXTURES = fileURLToPath(new URL("../../../../shared/stripe/fixtures3.json", import.meta.url));

/** Fields the emulator sets that fixtures3.json lacks, all present in stripe@23's type definitions. */
const NOT_IN_FIXTURE: Record<string, string[]> = {
  // includable: stored on the session, sent only when expanded (`expand: ["line_items"]`)
  "checkout.session": ["line_items", "allowed_payment_method_types"],
  payment_intent: ["allowed_payment_method_types", "payment_record"],
  customer: ["customer_account"],
  dispute: ["intended_submission_method"],
  product: ["tax_details"],
  subscription_item: ["current_trial"],
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObj = { [k: string]: Json };

function kind(v: Json): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

function idPrefix(id: string): string | null {
  if (id.startsWith("obj_") || !id.includes("_")) return null;
  return id.startsWith("cs_test_") ? "cs_test_" : id.slice(0, id.indexOf("_") + 1);
}

/** Differences between an emulator object and its fixture, as readable paths. */
function compare(actual: JsonObj, fixture: JsonObj, path: string, problems: string[]): void {
  for (const [key, fv] of Object.entries(fixture)) {
    if (!(key in actual)) continue;
    const av = actual[key];
    const p = `${path}.${key}`;
    if (av === null || fv === null) continue;
    if (kind(av) !== kind(fv)) {
      problems.push(`${p}: emulator ${kind(av)}, fixture ${kind(fv)}`);
      continue;
    }
    if (key === "id" && typeof av === "string" && typeof fv === "string") {
      const prefix = idPrefix(fv);
      if (prefix && !av.startsWith(prefix)) problems.push(`${p}: id ${av} lacks prefix ${prefix}`);
    }
    if (key === "object" && av !== fv) problems.push(`${p}: object ${String(av)} vs ${String(fv)}`);
    if (kind(av) === "object") compare(av as JsonObj, fv as JsonObj, p, problems);
    if (kind(av) === "array" && (av as Json[]).length && (fv as Json[]).length && kind((av as Json[])[0]) === "object" && kind((fv as Json[])[0]) === "object") {
      compare((av as JsonObj[])[0], (fv as JsonObj[])[0], `${p}[0]`, problems);
    }
  }
}

/** Every object with an `object` field, nested ones included (subscription items, invoice lines, …). */
function collect(value: Json, out: JsonObj[]): void {
  if (Array.isArray(value)) value.forEach((v) => collect(v, out));
  else if (value && typeof value === "object") {
    if (typeof value.object === "string" && value.object !== "list") out.push(value);
    Object.values(value).forEach((v) => collect(v, out));
  }
}

let h: Harness;
let fixtures: Record<string, JsonObj>;
const samples = new Map<string, JsonObj[]>();

beforeAll(async () => {
  if (!existsSync(FIXTURES)) throw new Error(`fixtures3.json not found at ${FIXTURES}: the shared/ folder must sit beside the repository`);
  fixtures = (JSON.parse(readFileSync(FIXTURES, "utf8")) as { resources: Record<string, JsonObj> }).resources;

  // One of everything: every resource, every state transition that reshapes objects.
  h = await createHarness();
  await createPlan(h.stripe, { lookupKey: "ct_monthly", amount: 1000, interval: "month" });
  const lifetime = await createPlan(h.stripe, { lookupKey: "ct_lifetime", amount: 20000 });
  const coupon = await h.stripe.coupons.create({ percent_off: 10, duration: "repeating", duration_in_months: 3 });
  const promo = await h.stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id }, code: "CONTRACT10" });
  const { subscription, customerId } = await subscribe(h, { lookupKey: "ct_monthly", discounts: [{ promotion_code: promo.id }] });
  await subscribe(h, { lookupKey: "ct_monthly", trialDays: 7 });
  const failing = await subscribe(h, { lookupKey: "ct_monthly", form: { cardNumber: "4000000000000341" } });
  await h.emulator.advance({ months: 1 }, { customer: failing.customerId });
  await h.emulator.advance({ months: 1 }, { customer: customerId });
  await h.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
  const session = await h.stripe.checkout.sessions.create({ mode: "payment", line_items: [{ price: lifetime.id, quantity: 1 }], customer: customerId });
  await h.emulator.completeCheckout(session.id, { cardNumber: "4242424242424242" });
  const charge = (await h.stripe.charges.list({ customer: customerId, limit: 1 })).data[0];
  await h.stripe.refunds.create({ charge: charge.id, amount: 100 });
  const dispute = await h.emulator.testHelpers.createDispute(charge.id);
  await h.emulator.testHelpers.closeDispute(dispute.id, "won");
  await h.stripe.billingPortal.sessions.create({ customer: customerId });

  const rows = await h.database.db.select({ data: objects.data }).from(objects).where(sql`${objects.object} not like 'emulator.%'`);
  const all: JsonObj[] = [];
  for (const row of rows) collect(row.data as Json, all);
  for (const o of all) samples.set(o.object as string, [...(samples.get(o.object as string) ?? []), o]);
});

afterAll(async () => {
  await h.close();
});

/**
 * Every field Cairn's billing code (lib/billing, app/dev/stripe) reads, per object type. If the
 * emulator stopped setting one, the app would silently read undefined offline and not in production.
 */
const APP_READS: Record<string, string[]> = {
  "checkout.session": ["id", "mode", "status", "payment_status", "payment_intent", "subscription", "customer", "client_reference_id", "url", "amount_total", "currency", "success_url", "cancel_url", "customer_details", "customer_email", "total_details", "allow_promotion_codes"],
  subscription: ["id", "status", "customer", "metadata", "cancel_at_period_end", "cancel_at", "trial_end", "ended_at", "items"],
  subscription_item: ["price", "current_period_end"],
  price: ["id", "lookup_key", "metadata", "active", "unit_amount", "currency", "recurring", "product"],
  invoice: ["id", "parent", "amount_paid", "amount_due", "currency", "next_payment_attempt", "total", "status", "created"],
  charge: ["id", "status", "amount_refunded", "amount_captured", "payment_intent"],
  dispute: ["id", "status", "payment_intent"],
  event: ["id", "type", "created", "data"],
  customer: ["id", "email"],
  "billing_portal.session": ["id", "url", "return_url", "customer"],
  payment_method: ["id", "card"],
};

describe("contract with Stripe's fixtures", () => {
  it("carries every field the app reads", () => {
    const missing: string[] = [];
    for (const [object, fields] of Object.entries(APP_READS)) {
      const list = samples.get(object) ?? [];
      if (!list.length) missing.push(`${object}: no sample`);
      for (const field of fields) if (!list.some((o) => field in o)) missing.push(`${object}.${field}`);
    }
    expect(missing).toEqual([]);
  });

  it("produces every resource the app uses", () => {
    const expected = ["customer", "product", "price", "plan", "coupon", "promotion_code", "discount", "checkout.session", "item", "subscription", "subscription_item", "invoice", "line_item", "invoice_payment", "payment_intent", "charge", "refund", "payment_method", "dispute", "billing_portal.session", "event"];
    expect([...samples.keys()].sort()).toEqual(expect.arrayContaining(expected.sort()));
  });

  it("matches field types, id prefixes and object values of fixtures3.json", () => {
    const problems: string[] = [];
    for (const [type, list] of samples) {
      const fixture = fixtures[type];
      expect(fixture, `fixtures3.json has no ${type}`).toBeDefined();
      for (const sample of list) {
        // An event's payload is another resource: it is checked as that resource (collected above).
        const { data: _data, ...rest } = type === "event" ? sample : { data: null, ...sample };
        const { data: _fd, ...fixtureRest } = type === "event" ? fixture : { data: null, ...fixture };
        compare(type === "event" ? rest : sample, type === "event" ? fixtureRest : fixture, `${type}(${String(sample.id)})`, problems);
      }
    }
    expect([...new Set(problems.map((p) => p.replace(/\([^)]*\)/, "")))]).toEqual([]);
  });

  it("can fail: a planted type mismatch and a wrong prefix are reported", () => {
    const problems: string[] = [];
    compare({ id: "sub_1", amount: "1000", items: { data: [{ id: "xx_1" }] } }, { id: "cus_1", amount: 1000, items: { data: [{ id: "si_1" }] } }, "planted", problems);
    expect(problems).toEqual(["planted.id: id sub_1 lacks prefix cus_", "planted.amount: emulator string, fixture number", "planted.items.data[0].id: id xx_1 lacks prefix si_"]);
  });

  it("sets no top-level field that neither the fixture nor the SDK types know", () => {
    const extras: string[] = [];
    for (const [type, list] of samples) {
      const known = new Set([...Object.keys(fixtures[type]), ...(NOT_IN_FIXTURE[type] ?? [])]);
      for (const sample of list) for (const key of Object.keys(sample)) if (!known.has(key)) extras.push(`${type}.${key}`);
    }
    expect([...new Set(extras)].sort()).toEqual([]);
  });
});
