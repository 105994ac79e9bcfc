import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { db } from "@/db";
import { experienceSessions, rewards, sessions, users, type ExperienceSession, type Reward } from "@/db/schema";
import { customerForUser } from "@/lib/ledger/customers";
import { checkLedgerInvariants } from "@/lib/ledger/invariants";
import { post } from "@/lib/ledger/post";
import { createIntegration } from "@/lib/orders/integrations";
import { signRequest } from "@/lib/orders/signature";

/**
 * Fixtures and HTTP clients for the resilience tier: members signed in (database sessions, as
 * Auth.js keeps them), rewards with seats and stock, a store integration, and the two write paths
 * driven over real HTTP — the signed order API and the redeem server action.
 */

const HOUR = 3_600_000;

export type Member = { userId: string; email: string; customerId: string; cookie: string };

/** `count` members, each with a session cookie and `points` available. */
export async function createMembers(count: number, points: number, tag: string): Promise<Member[]> {
  const rows = await db
    .insert(users)
    .values(Array.from({ length: count }, (_, i) => ({ email: `${tag}-${i}@example.com`, name: `${tag} ${i}` })))
    .returning();
  const members: Member[] = [];
  // A few at a time: the pool has 10 connections.
  for (let i = 0; i < rows.length; i += 8) {
    const batch = await Promise.all(
      rows.slice(i, i + 8).map(async (user) => {
        const customer = await customerForUser({ id: user.id, email: user.email, name: user.name });
        await post({ kind: "earn", key: `seed:${customer.id}`, customerId: customer.id, points, reason: "purchase", memo: "Opening balance" });
        return { userId: user.id, email: user.email, customerId: customer.id, cookie: "" };
      }),
    );
    members.push(...batch);
  }
  const tokens = members.map(() => randomBytes(24).toString("hex"));
  await db.insert(sessions).values(members.map((m, i) => ({ sessionToken: tokens[i], userId: m.userId, expires: new Date(Date.now() + 24 * HOUR) })));
  // Auth.js's cookie name on plain http.
  members.forEach((m, i) => (m.cookie = `authjs.session-token=${tokens[i]}`));
  return members;
}

export async function createExperience(capacities: number[], pointsCost: number, tag: string): Promise<{ reward: Reward; sessions: ExperienceSession[] }> {
  const [reward] = await db.insert(rewards).values({ slug: `${tag}-tour`, title: `${tag} tour`, kind: "experience", status: "active", pointsCost }).returning();
  const created = await db
    .insert(experienceSessions)
    .values(capacities.map((capacity, i) => ({ rewardId: reward.id, startsAt: new Date(Date.now() + (72 + i) * HOUR), endsAt: new Date(Date.now() + (74 + i) * HOUR), capacity, cutoffHours: 24 })))
    .returning();
  return { reward, sessions: created };
}

/** A shipped product with limited stock (the other way a redemption takes capacity). */
export async function createProduct(stock: number, pointsCost: number, tag: string): Promise<Reward> {
  const [reward] = await db.insert(rewards).values({ slug: `${tag}-flask`, title: `${tag} flask`, kind: "product", status: "active", pointsCost, stock }).returning();
  return reward;
}

export type Shop = { id: string; secret: string };

export async function createShop(): Promise<Shop> {
  const { integration, secret } = await createIntegration({ name: "Resilience store", actorId: null });
  return { id: integration.id, secret };
}

export type HttpOutcome = { status: number; retryAfter: string | null; body: string } | { status: "no-answer"; error: string };

async function attempt(run: () => Promise<Response>): Promise<HttpOutcome> {
  try {
    const response = await run();
    return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.text() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { status: "no-answer", error: cause?.code ?? cause?.message ?? String(error) };
  }
}

export const anOrder = (externalId: string, email: string) => ({
  externalId,
  email,
  currency: "USD",
  totalCents: 4_200,
  qualifyingCents: 4_000,
  lines: [{ sku: "RES-1", name: "Trail socks", quantity: 2, totalCents: 4_000 }],
  placedAt: new Date().toISOString(),
});

/** POST /api/v1/orders, signed afresh (docs/order-api.md). */
export function sendOrder(base: string, shop: Shop, order: ReturnType<typeof anOrder>): Promise<HttpOutcome> {
  const body = JSON.stringify(order);
  return attempt(() => fetch(`${base}/api/v1/orders`, { method: "POST", headers: { "content-type": "application/json", ...signRequest(shop.secret, shop.id, body) }, body }));
}

export type RedeemOutcome =
  | { kind: "redeemed"; redemptionId: string | null }
  | { kind: "full" }
  | { kind: "refused"; code: string; error: string }
  | { kind: "http"; status: number; body: string }
  | { kind: "no-answer"; error: string };

export type RedeemRequest = { actionId: string; slug: string; cookie: string; input: Record<string, string> };

/**
 * The redeem server action over HTTP, as the browser calls it: POST to the reward's page with the
 * action's id in `Next-Action` and its argument encoded as React encodes a plain object. A booking
 * answers with a redirect to its ticket (`x-action-redirect`); everything else with the action's
 * result in the RSC payload.
 */
export async function redeemOverHttp(base: string, { actionId, slug, cookie, input }: RedeemRequest): Promise<RedeemOutcome> {
  const outcome = await attempt(() =>
    fetch(`${base}/rewards/${slug}`, {
      method: "POST",
      redirect: "manual",
      headers: { "next-action": actionId, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin: base, cookie },
      body: JSON.stringify([input]),
    }).then(async (response) => {
      const redirect = response.headers.get("x-action-redirect");
      // Carry the redirect in the body: attempt() keeps status, Retry-After and body.
      const text = await response.text();
      return new Response(redirect ? `REDIRECT ${redirect}\n${text}` : text, { status: response.status, headers: response.headers });
    }),
  );
  if (outcome.status === "no-answer") return { kind: "no-answer", error: outcome.error };
  const redirect = /^REDIRECT (\S+)/.exec(outcome.body)?.[1];
  if (redirect) {
    const id = /\/redemptions\/([0-9a-f-]{36})/.exec(redirect)?.[1];
    return id ? { kind: "redeemed", redemptionId: id } : { kind: "http", status: outcome.status, body: outcome.body.slice(0, 500) };
  }
  if (outcome.status !== 200) return { kind: "http", status: outcome.status, body: outcome.body.slice(0, 500) };
  if (/"ok":true/.test(outcome.body)) {
    if (/"status":"full"/.test(outcome.body)) return { kind: "full" };
    return { kind: "redeemed", redemptionId: /"redemptionId":"([0-9a-f-]{36})"/.exec(outcome.body)?.[1] ?? null };
  }
  const code = /"code":"(\w+)"/.exec(outcome.body)?.[1];
  if (code) return { kind: "refused", code, error: /"error":"([^"]*)"/.exec(outcome.body)?.[1] ?? "" };
  return { kind: "http", status: outcome.status, body: outcome.body.slice(0, 500) };
}

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];

/**
 * Every redemption is whole or absent: its posting (for its cost), its ticket and its seat for a
 * booking, its stock unit for a product; no posting without its redemption; no session over
 * capacity, no stock below zero; the ledger's own invariants. Returns the violations found.
 */
export async function redemptionViolations(stock: { rewardId: string; initial: number }[]): Promise<string[]> {
  const problems: string[] = [];
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(query));

  for (const r of await q<{ id: string }>(sql`
    select r.id from redemptions r
    left join point_postings p on p.key = 'redemption:' || r.id and p.kind = 'redeem' and p.points = -r.points_cost and p.customer_id = r.customer_id
    where p.id is null`)) problems.push(`redemption ${r.id} has no matching posting`);

  for (const p of await q<{ key: string }>(sql`
    select p.key from point_postings p
    left join redemptions r on p.key = 'redemption:' || r.id
    where p.key like 'redemption:%' and r.id is null`)) problems.push(`posting ${p.key} has no redemption`);

  for (const r of await q<{ id: string }>(sql`
    select r.id from redemptions r left join tickets t on t.redemption_id = r.id
    where r.session_id is not null and t.id is null`)) problems.push(`booking ${r.id} has no ticket`);

  for (const s of await q<{ id: string; booked: number; capacity: number; live: number }>(sql`
    select s.id, s.booked, s.capacity,
      (select count(*)::int from redemptions r where r.session_id = s.id and r.status <> 'cancelled') as live
    from experience_sessions s`)) {
    if (s.booked > s.capacity) problems.push(`session ${s.id} oversold: ${s.booked} of ${s.capacity}`);
    if (s.booked !== s.live) problems.push(`session ${s.id}: booked ${s.booked}, but ${s.live} bookings exist`);
  }

  for (const { rewardId, initial } of stock) {
    const [row] = await q<{ stock: number; live: number }>(sql`
      select stock, (select count(*)::int from redemptions r where r.reward_id = ${rewardId} and r.status <> 'cancelled') as live
      from rewards where id = ${rewardId}`);
    if (row.stock < 0) problems.push(`reward ${rewardId} stock below zero: ${row.stock}`);
    if (row.stock !== initial - row.live) problems.push(`reward ${rewardId}: stock ${row.stock}, but ${initial} − ${row.live} redeemed = ${initial - row.live}`);
  }

  for (const v of await checkLedgerInvariants()) problems.push(`ledger: ${v.rule}: ${v.detail}`);
  return problems;
}

/** Every stored order has its earn posting, and every order posting its order. */
export async function orderViolations(shop: Shop): Promise<string[]> {
  const problems: string[] = [];
  const orphanOrders = rowsOf<{ external_id: string }>(
    await db.execute(sql`
      select o.external_id from orders o
      left join point_postings p on p.key = 'order:' || ${shop.id} || ':' || o.external_id
      where o.integration_id = ${shop.id} and p.id is null`),
  );
  for (const o of orphanOrders) problems.push(`order ${o.external_id} has no posting`);
  const orphanPostings = rowsOf<{ key: string }>(
    await db.execute(sql`
      select p.key from point_postings p
      left join orders o on p.key = 'order:' || o.integration_id || ':' || o.external_id
      where p.key like ${`order:${shop.id}:%`} and o.id is null`),
  );
  for (const p of orphanPostings) problems.push(`posting ${p.key} has no order`);
  return problems;
}

/** A delivery address for product redemptions (the redeem action requires one). */
export const shipping = { name: "Robin Res", line1: "1 Quay Street", city: "Bristol", postcode: "BS1 4DJ", country: "United Kingdom" };
