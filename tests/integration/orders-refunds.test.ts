import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { earningRules, orderRefunds, orders, pointPostings } from "@/db/schema";
import { DEFAULT_EARNING_RULES } from "@/db/seed-program";
import { getBalance } from "@/lib/ledger/balances";
import { checkLedgerInvariants } from "@/lib/ledger/invariants";
import { post } from "@/lib/ledger/post";
import { createIntegration } from "@/lib/orders/integrations";
import { signRequest } from "@/lib/orders/signature";
import { POST as postOrder } from "@/app/api/v1/orders/route";
import { POST as postRefund } from "@/app/api/v1/orders/[externalId]/refunds/route";

const nowSeconds = () => Math.floor(Date.now() / 1000);
const uid = () => crypto.randomUUID().slice(0, 8);

let shop: { id: string; secret: string };

function signed(url: string, body: string, secret = shop.secret, id = shop.id) {
  return new Request(url, { method: "POST", headers: { "content-type": "application/json", ...signRequest(secret, id, body, nowSeconds()) }, body });
}

async function placeOrder(totalCents = 10_000, qualifyingCents = totalCents) {
  const externalId = `ord-${uid()}`;
  const body = JSON.stringify({ externalId, email: `buyer-${uid()}@example.com`, currency: "USD", totalCents, qualifyingCents, placedAt: new Date().toISOString() });
  const response = await postOrder(signed("http://localhost:3000/api/v1/orders", body));
  expect(response.status).toBe(201);
  return { externalId, ...((await response.json()) as { orderId: string; customerId: string; points: number }) };
}

function refund(externalId: string, refund: Record<string, unknown>, opts: { secret?: string; id?: string } = {}) {
  const url = `http://localhost:3000/api/v1/orders/${encodeURIComponent(externalId)}/refunds`;
  return postRefund(signed(url, JSON.stringify(refund), opts.secret, opts.id), { params: Promise.resolve({ externalId }) });
}

async function state(orderId: string) {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const [refunds] = await db.select({ n: count() }).from(orderRefunds).where(eq(orderRefunds.orderId, orderId));
  const [postings] = await db.select({ n: count() }).from(pointPostings).where(eq(pointPostings.customerId, order.customerId));
  return { refundedCents: order.refundedCents, refunds: refunds.n, postings: postings.n };
}

const reversals = (customerId: string) => db.select().from(pointPostings).where(eq(pointPostings.customerId, customerId)).then((rows) => rows.filter((p) => p.kind === "reverse"));

beforeAll(async () => {
  await db.insert(earningRules).values(DEFAULT_EARNING_RULES);
  const { integration, secret } = await createIntegration({ name: "Online store", actorId: null });
  shop = { id: integration.id, secret };
});

describe("POST /api/v1/orders/{externalId}/refunds", () => {
  it("reverses points in proportion: two partial refunds, then the rest, reverse exactly the order's points", async () => {
    const order = await placeOrder(9999); // 499 points
    expect(order.points).toBe(499);
    const first = await refund(order.externalId, { refundId: "r1", amountCents: 3333 });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ status: "created", points: 166, remainingCents: 6666, orderId: order.orderId });
    expect((await (await refund(order.externalId, { refundId: "r2", amountCents: 3333 })).json()).points).toBe(166);
    expect((await (await refund(order.externalId, { refundId: "r3", amountCents: 3333 })).json()).points).toBe(167); // the remainder
    const posted = await reversals(order.customerId);
    expect(posted.map((p) => p.points)).toEqual([-166, -166, -167]);
    expect(posted.every((p) => p.reason === "order_refund")).toBe(true);
    expect(posted.reduce((sum, p) => sum - p.points, 0)).toBe(order.points);
    expect(await getBalance(order.customerId)).toMatchObject({ available: 0, debt: 0 });
    expect((await state(order.orderId)).refundedCents).toBe(9999);
  });

  it("answers a repeated refundId as a duplicate and reverses once", async () => {
    const order = await placeOrder();
    await refund(order.externalId, { refundId: "same", amountCents: 5000 });
    const again = await refund(order.externalId, { refundId: "same", amountCents: 5000 });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "duplicate", points: 250 });
    expect(await reversals(order.customerId)).toHaveLength(1);
    expect((await getBalance(order.customerId)).available).toBe(250);
  });

  it("turns points already spent into debt", async () => {
    const order = await placeOrder(); // 500 points
    await post({ kind: "redeem", key: `test:${uid()}`, customerId: order.customerId, points: 400, reason: "redemption", memo: "Reward" });
    const response = await refund(order.externalId, { refundId: "full", amountCents: 10_000 });
    expect(response.status).toBe(201);
    expect(await getBalance(order.customerId)).toMatchObject({ available: 0, debt: 400 });
  });

  it("refuses a refund over what remains with 422 naming amountCents, and writes nothing", async () => {
    const order = await placeOrder();
    await refund(order.externalId, { refundId: "part", amountCents: 6000 });
    const before = await state(order.orderId);
    const response = await refund(order.externalId, { refundId: "too-much", amountCents: 4001 });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ field: "amountCents" });
    expect(await state(order.orderId)).toEqual(before);
  });

  it("never refunds more than the total when refunds race", async () => {
    const order = await placeOrder();
    const responses = await Promise.all(Array.from({ length: 5 }, (_, i) => refund(order.externalId, { refundId: `race-${i}`, amountCents: 3000 })));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 201, 201, 422, 422]);
    expect(await state(order.orderId)).toMatchObject({ refundedCents: 9000, refunds: 3 });
    expect((await getBalance(order.customerId)).available).toBe(500 - 3 * 150);
  });

  it.each([
    ["a zero amount", { refundId: "z", amountCents: 0 }, 400, "amountCents"],
    ["a negative amount", { refundId: "n", amountCents: -5 }, 400, "amountCents"],
    ["no refundId", { amountCents: 100 }, 400, "refundId"],
  ])("refuses %s with %i naming %s", async (_name, body, status, field) => {
    const order = await placeOrder();
    const before = await state(order.orderId);
    const response = await refund(order.externalId, body);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ field });
    expect(await state(order.orderId)).toEqual(before);
  });

  it("answers 404 for an order this integration never sent, and 401 for a bad signature", async () => {
    const order = await placeOrder();
    expect((await refund("no-such-order", { refundId: "x", amountCents: 100 })).status).toBe(404);
    const other = await createIntegration({ name: "Other shop", actorId: null });
    const foreign = await refund(order.externalId, { refundId: "x", amountCents: 100 }, { id: other.integration.id, secret: other.secret });
    expect(foreign.status).toBe(404);
    expect((await refund(order.externalId, { refundId: "x", amountCents: 100 }, { secret: other.secret })).status).toBe(401);
    expect(await state(order.orderId)).toMatchObject({ refundedCents: 0, refunds: 0 });
  });

  it("records a refund of an order that earned no points without a posting", async () => {
    const order = await placeOrder(5000, 0);
    expect(order.points).toBe(0);
    const response = await refund(order.externalId, { refundId: "r", amountCents: 5000 });
    expect(await response.json()).toMatchObject({ status: "created", points: 0, remainingCents: 0 });
    expect(await state(order.orderId)).toMatchObject({ refundedCents: 5000, refunds: 1, postings: 0 });
  });

  it("leaves the ledger consistent", async () => {
    expect(await checkLedgerInvariants()).toEqual([]);
  });
});
