import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { customers, customerTiers, earningRules, integrations, memberships, orders, plans, pointBalances, pointPostings, tiers, users } from "@/db/schema";
import { DEFAULT_PLANS } from "@/db/seed-plans";
import { DEFAULT_EARNING_RULES, DEFAULT_TIERS } from "@/db/seed-program";
import { getBalance } from "@/lib/ledger/balances";
import { customerForUser } from "@/lib/ledger/customers";
import { checkLedgerInvariants } from "@/lib/ledger/invariants";
import { createIntegration } from "@/lib/orders/integrations";
import { signRequest } from "@/lib/orders/signature";
import { POST } from "@/app/api/v1/orders/route";

const nowSeconds = () => Math.floor(Date.now() / 1000);
const uid = () => crypto.randomUUID().slice(0, 8);

let shop: { id: string; secret: string };

function send(body: string, opts: { secret?: string; id?: string; timestamp?: number; signedBody?: string } = {}) {
  const headers = signRequest(opts.secret ?? shop.secret, opts.id ?? shop.id, opts.signedBody ?? body, opts.timestamp ?? nowSeconds());
  return POST(new Request("http://localhost:3000/api/v1/orders", { method: "POST", headers: { "content-type": "application/json", ...headers }, body }));
}

const anOrder = (overrides: Record<string, unknown> = {}) => ({
  externalId: `ord-${uid()}`,
  email: `buyer-${uid()}@example.com`,
  currency: "USD",
  totalCents: 10_000,
  qualifyingCents: 10_000,
  lines: [{ sku: "TJ-1", name: "Trail Jacket", quantity: 1, totalCents: 10_000 }],
  placedAt: new Date().toISOString(),
  ...overrides,
});

async function counts() {
  const n = async (table: typeof orders | typeof pointPostings | typeof customers | typeof pointBalances) => (await db.select({ n: count() }).from(table))[0].n;
  return { orders: await n(orders), postings: await n(pointPostings), customers: await n(customers), balances: await n(pointBalances) };
}

const postingsFor = (customerId: string) => db.select().from(pointPostings).where(eq(pointPostings.customerId, customerId));

beforeAll(async () => {
  await db.insert(earningRules).values(DEFAULT_EARNING_RULES);
  await db.insert(tiers).values(DEFAULT_TIERS);
  await db.insert(plans).values(DEFAULT_PLANS);
  const { integration, secret } = await createIntegration({ name: "Online store", actorId: null });
  shop = { id: integration.id, secret };
});

describe("POST /api/v1/orders", () => {
  it("stores the order, matches or creates the customer by email and posts its points once", async () => {
    const order = anOrder({ email: "  Ada.Lovelace@Example.com " });
    const response = await send(JSON.stringify(order));
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ status: "created", points: 500 }); // $100 × 5 points
    const [row] = await db.select().from(orders).where(eq(orders.id, body.orderId));
    expect(row).toMatchObject({ externalId: order.externalId, customerId: body.customerId, totalCents: 10_000, qualifyingCents: 10_000, points: 500, currency: "USD" });
    expect(row.lines).toEqual(order.lines);
    const [customer] = await db.select().from(customers).where(eq(customers.id, body.customerId));
    expect(customer.email).toBe("ada.lovelace@example.com");
    const postings = await postingsFor(body.customerId);
    expect(postings).toHaveLength(1);
    expect(postings[0]).toMatchObject({ key: `order:${shop.id}:${order.externalId}`, kind: "earn", reason: "purchase", points: 500 });
    expect(postings[0].memo).toContain(order.externalId);
    expect(await getBalance(body.customerId)).toMatchObject({ available: 500 });
  });

  it.each([
    ["a signature made with another secret", (body: string) => send(body, { secret: "cairn_sk_not-the-secret-at-all-0123456789-abcdefghijklmnopqrstuvwxyz-0123" })],
    ["a timestamp 301 s old", (body: string) => send(body, { timestamp: nowSeconds() - 301 })],
    ["a timestamp 301 s ahead", (body: string) => send(body, { timestamp: nowSeconds() + 301 })],
    ["a tampered body", (body: string) => send(body.replace("10000", "99999"), { signedBody: body })],
    ["an unknown integration", (body: string) => send(body, { id: crypto.randomUUID() })],
    ["an integration id that is not a uuid", (body: string) => send(body, { id: "shop-1" })],
    ["no signature headers", (body: string) => POST(new Request("http://localhost:3000/api/v1/orders", { method: "POST", headers: { "content-type": "application/json" }, body }))],
  ])("refuses %s with 401 and writes nothing", async (_name, deliver) => {
    const before = await counts();
    const response = await deliver(JSON.stringify(anOrder()));
    expect(response.status).toBe(401);
    expect((await response.json()).error).toEqual(expect.any(String));
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["email", { email: "ada\u0000@example.com" }],
    ["lines.0.sku", { lines: [{ sku: "TJ\u0000", quantity: 1, totalCents: 100 }] }],
    ["externalId", { externalId: "\u0000" }],
  ])("V5.1.3 refuses a NUL in %s with a 400 naming the field, and writes nothing", async (field, overrides) => {
    const before = await counts();
    const response = await send(JSON.stringify(anOrder(overrides)));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ field, error: expect.stringContaining("NUL") });
    expect(await counts()).toEqual(before);
  });

  it("refuses a revoked integration with 401 and writes nothing", async () => {
    const { integration, secret } = await createIntegration({ name: "Old till", actorId: null });
    const body = JSON.stringify(anOrder());
    expect((await send(body, { id: integration.id, secret })).status).toBe(201);
    await db.update(integrations).set({ revokedAt: new Date() }).where(eq(integrations.id, integration.id));
    const before = await counts();
    const response = await send(JSON.stringify(anOrder()), { id: integration.id, secret });
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatch(/revoked/);
    expect(await counts()).toEqual(before);
  });

  it("answers a replay with a fresh timestamp as a duplicate and posts nothing more", async () => {
    const order = anOrder();
    const first = await (await send(JSON.stringify(order), { timestamp: nowSeconds() - 100 })).json();
    const replay = await send(JSON.stringify(order), { timestamp: nowSeconds() });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ ...first, status: "duplicate" });
    // a changed amount under the same externalId is the same order too
    expect((await send(JSON.stringify({ ...order, totalCents: 50_000, qualifyingCents: 50_000 }))).status).toBe(200);
    expect(await postingsFor(first.customerId)).toHaveLength(1);
    expect((await getBalance(first.customerId)).available).toBe(500);
  });

  it("posts once when the same order arrives 5 times at once", async () => {
    const body = JSON.stringify(anOrder());
    const responses = await Promise.all(Array.from({ length: 5 }, () => send(body)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(bodies.map((b) => b.orderId)).size).toBe(1);
    const customerId = bodies[0].customerId;
    expect(await postingsFor(customerId)).toHaveLength(1);
    expect(await db.select().from(orders).where(eq(orders.customerId, customerId))).toHaveLength(1);
    expect((await getBalance(customerId)).available).toBe(500);
  });

  it.each([
    ["an unknown currency", { currency: "EUR" }, 422, "currency"],
    ["a currency that is no code", { currency: "dollars" }, 400, "currency"],
    ["a negative total", { totalCents: -1 }, 400, "totalCents"],
    ["a negative qualifying amount", { qualifyingCents: -100 }, 400, "qualifyingCents"],
    ["fractional cents", { totalCents: 100.5 }, 400, "totalCents"],
    ["amounts as strings", { totalCents: "10000" }, 400, "totalCents"],
    ["qualifying more than the total", { qualifyingCents: 10_001 }, 400, "qualifyingCents"],
    ["no email", { email: undefined }, 400, "email"],
    ["a bad email", { email: "not-an-email" }, 400, "email"],
    ["no externalId", { externalId: "" }, 400, "externalId"],
    ["a placedAt without a zone", { placedAt: "2026-05-01 10:00" }, 400, "placedAt"],
    ["a line with quantity 0", { lines: [{ quantity: 0, totalCents: 100 }] }, 400, "lines.0.quantity"],
  ])("refuses %s with %i naming %s, and writes nothing", async (_name, change, status, field) => {
    const before = await counts();
    const response = await send(JSON.stringify(anOrder(change)));
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ field, error: expect.any(String) });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["malformed JSON", '{"externalId": "x",'],
    ["a JSON array", "[]"],
  ])("refuses %s with 400 naming the body, and writes nothing", async (_name, body) => {
    const before = await counts();
    const response = await send(body);
    expect(response.status).toBe(400);
    expect((await response.json()).field).toBe("body");
    expect(await counts()).toEqual(before);
  });

  it("keeps points for an email without an account on the customer, and they are the member's after sign-up", async () => {
    const email = `later-${uid()}@example.com`;
    const { customerId } = await (await send(JSON.stringify(anOrder({ email })))).json();
    await send(JSON.stringify(anOrder({ email: email.toUpperCase(), totalCents: 2000, qualifyingCents: 2000 })));
    expect((await getBalance(customerId)).available).toBe(600);
    const [user] = await db.insert(users).values({ email, name: "Later" }).returning();
    const customer = await customerForUser({ id: user.id, email: user.email, name: user.name });
    expect(customer.id).toBe(customerId);
    expect(customer.userId).toBe(user.id);
    expect((await getBalance(customer.id)).available).toBe(600);
  });

  it("multiplies by the member's live paid plan and tier, and adds the plan's % back", async () => {
    const member = async (planId: string) => {
      const email = `${planId}-${uid()}@example.com`;
      const [user] = await db.insert(users).values({ email }).returning();
      await db.insert(memberships).values({ userId: user.id, planId, status: "active", source: "admin_grant" });
      await customerForUser({ id: user.id, email });
      return email;
    };
    // Plus: 2× points and a Silver floor (1.25×): 100 × 5 × 1.25 × 2
    const plus = await (await send(JSON.stringify(anOrder({ email: await member("plus_monthly") })))).json();
    expect(plus.points).toBe(1250);
    // Lifetime: Silver floor and 10 % back: 100 × 5 × 1.25 + 1,000
    const lifetime = await (await send(JSON.stringify(anOrder({ email: await member("lifetime"), qualifyingCents: 8000 })))).json();
    expect(lifetime.points).toBe(500 + 800);
    // a canceled membership gives nothing extra
    const email = `canceled-${uid()}@example.com`;
    const [user] = await db.insert(users).values({ email }).returning();
    await db.insert(memberships).values({ userId: user.id, planId: "plus_monthly", status: "canceled", source: "admin_grant" });
    await customerForUser({ id: user.id, email });
    expect((await (await send(JSON.stringify(anOrder({ email })))).json()).points).toBe(500);
  });

  it("recomputes the tier after the order commits, and the next order earns the new multiplier", async () => {
    const email = `climber-${uid()}@example.com`;
    const first = await (await send(JSON.stringify(anOrder({ email, totalCents: 20_000, qualifyingCents: 20_000 })))).json();
    expect(first.points).toBe(1000); // reaches Silver (1,000 points)
    const [tier] = await db.select().from(customerTiers).where(eq(customerTiers.customerId, first.customerId));
    expect(tier.tierId).toBe("silver");
    const second = await (await send(JSON.stringify(anOrder({ email })))).json();
    expect(second.points).toBe(625);
  });

  it("earns from when a past order was placed", async () => {
    const placedAt = "2026-01-15T12:00:00Z";
    const { customerId } = await (await send(JSON.stringify(anOrder({ placedAt })))).json();
    const [posting] = await postingsFor(customerId);
    expect(posting.createdAt.toISOString()).toBe("2026-01-15T12:00:00.000Z");
  });

  it("keeps points pending for the purchase rule's hold, and stores the order without points when the rule is off", async () => {
    await db.update(earningRules).set({ holdDays: 30 }).where(eq(earningRules.id, "purchase"));
    const held = await (await send(JSON.stringify(anOrder()))).json();
    expect(await getBalance(held.customerId)).toMatchObject({ available: 0, pending: 500 });

    await db.update(earningRules).set({ holdDays: 0, active: false }).where(eq(earningRules.id, "purchase"));
    const off = await send(JSON.stringify(anOrder()));
    expect(off.status).toBe(201);
    const body = await off.json();
    expect(body.points).toBe(0);
    expect(await postingsFor(body.customerId)).toHaveLength(0);
    await db.update(earningRules).set({ active: true }).where(eq(earningRules.id, "purchase"));
  });

  it("leaves the ledger consistent", async () => {
    expect(await checkLedgerInvariants()).toEqual([]);
  });
});
