import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { customers, earningRules, pointPostings } from "@/db/schema";
import { DEFAULT_EARNING_RULES } from "@/db/seed-program";
import { getBalance } from "@/lib/ledger/balances";
import { createIntegration } from "@/lib/orders/integrations";
import { signRequest } from "@/lib/orders/signature";
import { POST } from "@/app/api/v1/events/route";

const nowSeconds = () => Math.floor(Date.now() / 1000);
const uid = () => crypto.randomUUID().slice(0, 8);

let shop: { id: string; secret: string };

function send(event: Record<string, unknown>, secret = shop.secret) {
  const body = JSON.stringify(event);
  return POST(new Request("http://localhost:3000/api/v1/events", { method: "POST", headers: { "content-type": "application/json", ...signRequest(secret, shop.id, body, nowSeconds()) }, body }));
}

const postingCount = async () => (await db.select({ n: count() }).from(pointPostings))[0].n;

beforeAll(async () => {
  await db.insert(earningRules).values(DEFAULT_EARNING_RULES);
  const { integration, secret } = await createIntegration({ name: "Reviews app", actorId: null });
  shop = { id: integration.id, secret };
});

describe("POST /api/v1/events", () => {
  it("awards a review with the member's memo, once per externalId", async () => {
    const email = `reviewer-${uid()}@example.com`;
    const event = { externalId: `rev-${uid()}`, email, type: "review", memo: "Review of Trail Jacket" };
    const first = await send(event);
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toMatchObject({ status: "created", points: 50 });
    const again = await send(event);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "duplicate", points: 50 });
    const postings = await db.select().from(pointPostings).where(eq(pointPostings.customerId, body.customerId));
    expect(postings).toHaveLength(1);
    expect(postings[0]).toMatchObject({ key: `event:${shop.id}:${event.externalId}`, reason: "review", memo: "Review of Trail Jacket" });
  });

  it("answers 200 capped with 0 points once the month's cap is reached", async () => {
    const email = `sharer-${uid()}@example.com`;
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await (await send({ externalId: `share-${uid()}`, email, type: "social_share" })).json()).status);
    expect(statuses).toEqual(["created", "created", "created", "created", "capped"]);
    const capped = await send({ externalId: `share-${uid()}`, email, type: "social_share" });
    expect(capped.status).toBe(200);
    expect(await capped.json()).toMatchObject({ status: "capped", points: 0 });
    const [customer] = await db.select().from(customers).where(eq(customers.email, email));
    expect((await getBalance(customer.id)).available).toBe(4 * 25);
  });

  it.each([
    ["an unknown type", { type: "purchase" }, "type"],
    ["no email", { email: undefined }, "email"],
    ["a memo of 201 characters", { memo: "x".repeat(201) }, "memo"],
  ])("refuses %s with 400 naming %s", async (_name, change, field) => {
    const before = await postingCount();
    const response = await send({ externalId: `e-${uid()}`, email: `x-${uid()}@example.com`, type: "review", ...change });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ field });
    expect(await postingCount()).toBe(before);
  });

  it("refuses a wrong signature with 401", async () => {
    const before = await postingCount();
    const response = await send({ externalId: `e-${uid()}`, email: `x-${uid()}@example.com`, type: "review" }, "cairn_sk_wrong");
    expect(response.status).toBe(401);
    expect(await postingCount()).toBe(before);
  });

  it("answers 409 for an externalId already used for another customer", async () => {
    const externalId = `e-${uid()}`;
    await send({ externalId, email: `one-${uid()}@example.com`, type: "review" });
    const response = await send({ externalId, email: `two-${uid()}@example.com`, type: "review" });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ field: "externalId" });
  });
});
