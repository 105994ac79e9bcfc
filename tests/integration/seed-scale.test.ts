import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { db } from "@/db";
import { createDatabase } from "@/db/client";
import { seed } from "@/db/seed";
import { checkLedgerInvariants } from "@/lib/ledger/invariants";
import { parseSeedScaleArgs } from "@/lib/seed-scale/options";
import { seedScale, type SeedScaleResult } from "@/lib/seed-scale/seed-scale";
import { verifyForeignKeys } from "@/lib/seed-scale/verify";
import { adminUrl, connectClient, getTestDatabaseUrl } from "../support/database";

/**
 * The scale seed on a small program: its rows satisfy every constraint and the ledger's invariants,
 * the same seed gives the same program, and it refuses databases it must not fill.
 */

const MEMBERS = 2_000;
const NOW = new Date("2026-06-30T12:00:00Z");

const TABLES = [
  "users", "customers", "billing_customers", "memberships", "membership_history", "orders", "order_refunds", "earning_claims",
  "referral_codes", "referral_clicks", "referrals", "redemptions", "tickets", "survey_invitations", "point_postings", "point_lots",
  "point_entries", "point_balances", "customer_tiers", "tier_history", "audit_log",
] as const;

async function counts(client: pg.Client): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n);
  return out;
}

async function one<T>(client: pg.Client, text: string): Promise<T> {
  return (await client.query(text)).rows[0] as T;
}

describe("npm run seed:scale", () => {
  let result: SeedScaleResult;
  let after: Record<string, number>;

  it("seeds 2,000 members with the expected counts, consistent rows and a ledger that passes its invariants", { timeout: 240_000 }, async () => {
    // The regular seed first, so what the scale seed adds can be told apart (its own call to it is then a no-op).
    await seed(db);
    const client = await connectClient();
    try {
      const before = await counts(client);
      result = await seedScale({ url: getTestDatabaseUrl(), members: MEMBERS, seed: 7, now: NOW, batch: 500 });
      after = await counts(client);
      for (const table of TABLES) expect(after[table] - before[table], table).toBe(result.rows[table] ?? 0);

      // one account per member, three customers per member: the member's own and two store-only ones
      expect(result.rows.users).toBe(2_000);
      expect(result.rows.customers).toBe(6_000);
      const people = await one<{ members: string; shoppers: string; linked: string }>(
        client,
        `select count(*) filter (where user_id is not null) as members, count(*) filter (where user_id is null) as shoppers,
                count(*) filter (where user_id is not null and email = (select email from users u where u.id = c.user_id)) as linked
         from customers c where email like '%@scale.cairn.test'`,
      );
      expect(Number(people.members)).toBe(2_000);
      expect(Number(people.linked)).toBe(2_000);
      expect(Number(people.shoppers)).toBe(4_000);

      // a store-only customer is known from an order: every one of them has at least one
      const shoppersWithOrders = await one<{ n: string }>(client, `select count(distinct o.customer_id) as n from orders o join customers c on c.id = o.customer_id where c.user_id is null and c.email like 'shopper.%'`);
      expect(Number(shoppersWithOrders.n)).toBe(4_000);

      // about 4 in 10 members hold (or held) a paid plan; every status the app knows shows up
      const paid = await one<{ n: string }>(client, `select count(distinct m.user_id) as n from memberships m join users u on u.id = m.user_id where u.email like '%@scale.cairn.test'`);
      expect(Number(paid.n)).toBeGreaterThan(0.3 * MEMBERS);
      expect(Number(paid.n)).toBeLessThan(0.5 * MEMBERS);
      const statuses = (await client.query<{ status: string }>("select distinct status::text as status from memberships")).rows.map((r) => r.status).sort();
      expect(statuses).toEqual(expect.arrayContaining(["active", "canceled", "trialing"]));
      const plans = (await client.query<{ plan_id: string }>("select distinct plan_id from memberships")).rows.map((r) => r.plan_id).sort();
      expect(plans).toEqual(["lifetime", "plus_annual", "plus_monthly"]);

      // every posting kind the app writes, and the ledger's own invariants
      const kinds = (await client.query<{ kind: string }>("select distinct kind::text as kind from point_postings")).rows.map((r) => r.kind).sort();
      expect(kinds).toEqual(["adjust", "earn", "expire", "redeem", "refund", "release", "reverse", "void"].filter((k) => kinds.includes(k)));
      expect(kinds).toEqual(expect.arrayContaining(["earn", "expire", "redeem", "release", "reverse"]));
      expect(await checkLedgerInvariants(db)).toEqual([]);
      expect(await verifyForeignKeys(client)).toEqual([]);

      // an order's points are its purchase posting's points
      const purchase = await one<{ orders: string; postings: string }>(
        client,
        `select (select coalesce(sum(points), 0) from orders where external_id like 'm%' or external_id like 's%') as orders,
                (select coalesce(sum(points), 0) from point_postings where reason = 'purchase' and key like 'order:%') as postings`,
      );
      expect(purchase.postings).toBe(purchase.orders);

      // a session's booked seats are its live bookings, never more than its capacity
      const seats = await one<{ wrong: string; booked: string }>(
        client,
        `select count(*) filter (where s.booked <> coalesce(r.n, 0) or s.booked > s.capacity) as wrong, coalesce(sum(s.booked), 0) as booked
         from experience_sessions s left join (select session_id, count(*) as n from redemptions where status <> 'cancelled' and session_id is not null group by session_id) r on r.session_id = s.id`,
      );
      expect(Number(seats.wrong)).toBe(0);
      expect(Number(seats.booked)).toBeGreaterThan(0);

      // a cancelled redemption gave its points back; a live one did not
      const refunds = await one<{ cancelled: string; refunded: string }>(
        client,
        `select (select count(*) from redemptions where status = 'cancelled') as cancelled, (select count(*) from point_postings where key like 'redemption-refund:%') as refunded`,
      );
      expect(refunds.refunded).toBe(refunds.cancelled);

      // rewarded referrals paid their referrer; nobody referred themselves
      const referrals = await one<{ rewarded: string; paid: string; self: string }>(
        client,
        `select count(*) filter (where status in ('qualified', 'rewarded', 'void')) as rewarded,
                count(*) filter (where status in ('qualified', 'rewarded', 'void') and exists (select 1 from point_postings p where p.key = 'referral:' || r.id)) as paid,
                count(*) filter (where referrer_user_id = referee_user_id) as self
         from referrals r`,
      );
      expect(Number(referrals.rewarded)).toBeGreaterThan(0);
      expect(referrals.paid).toBe(referrals.rewarded);
      expect(Number(referrals.self)).toBe(0);

      // the analytics holdout ran for the last 12 months with 10 % in control, who got no bonus campaigns
      const holdout = await one<{ grouped: string; control: string; early: string; campaigns: string }>(
        client,
        `select count(*) filter (where experiment_group is not null) as grouped, count(*) filter (where experiment_group = 'control') as control,
                count(*) filter (where experiment_group is not null and created_at < timestamptz '${NOW.toISOString()}' - interval '365 days') as early,
                (select count(*) from point_postings p join customers x on x.id = p.customer_id where x.experiment_group = 'control' and p.reason in ('birthday', 'review', 'social_share')) as campaigns
         from customers where email like '%@scale.cairn.test'`,
      );
      expect(Number(holdout.grouped)).toBeGreaterThan(1_000);
      expect(Number(holdout.control) / Number(holdout.grouped)).toBeGreaterThan(0.05);
      expect(Number(holdout.control) / Number(holdout.grouped)).toBeLessThan(0.15);
      expect(Number(holdout.early)).toBe(0);
      expect(Number(holdout.campaigns)).toBe(0);

      // nothing generated is dated after the program's "now" (the demo people's points are posted at the wall clock)
      const future = await one<{ n: string }>(
        client,
        `select (select count(*) from point_postings p join customers c on c.id = p.customer_id where c.email like '%@scale.cairn.test' and p.created_at > '${NOW.toISOString()}')
              + (select count(*) from orders where placed_at > '${NOW.toISOString()}') as n`,
      );
      expect(Number(future.n)).toBe(0);
    } finally {
      await client.end();
    }
  });

  it("gives identical counts and balances for the same seed in a second database", { timeout: 240_000 }, async () => {
    expect(result, "the first test seeds the worker's database").toBeDefined();
    const server = inject("postgres");
    const name = `cairn_scale_twin_${process.env.VITEST_POOL_ID ?? "1"}`;
    const admin = await connectClient(adminUrl());
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name} template ${server.template}`);
    try {
      const url = adminUrl(name);
      // the other way of checking batches (the row triggers, as the app writes): the same program either way
      const twin = await seedScale({ url, members: MEMBERS, seed: 7, now: NOW, batch: 1_000, checks: "triggers" });
      expect(twin.rows).toEqual(result.rows);
      const a = await connectClient();
      const b = await connectClient(url);
      try {
        expect(await counts(b)).toEqual(after);
        const fingerprint = `select sum(available)::text as available, sum(pending)::text as pending, sum(debt)::text as debt, sum(lifetime_earned)::text as earned,
            (select sum(total_cents)::text from orders) as sales, (select string_agg(code, ',' order by code) from referral_codes) as codes from point_balances`;
        expect(await one(b, fingerprint)).toEqual(await one(a, fingerprint));
        const database = await createDatabase({ driver: "pg", url, max: 1 });
        try {
          expect(await checkLedgerInvariants(database.db)).toEqual([]);
        } finally {
          await database.close();
        }
        // a second run on a seeded database is refused: the ledger is append-only
        await expect(seedScale({ url, members: 10, seed: 7, now: NOW })).rejects.toThrow(/already holds a scale seed/);
      } finally {
        await a.end();
        await b.end();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  it("refuses PGlite and a database that is not on this machine, and writes nothing", async () => {
    const client = await connectClient();
    try {
      const before = await counts(client);
      await expect(seedScale({ url: "postgresql://cairn@db.example.com:5432/cairn", members: 10 })).rejects.toThrow(/not on this machine/);
      await expect(seedScale({ url: "", members: 10 })).rejects.toThrow(/PGlite/);
      expect(() => parseSeedScaleArgs(["--members", "10", "--url", "postgresql://cairn@10.0.0.5/cairn"], {})).toThrow(/not on this machine/);
      expect(() => parseSeedScaleArgs(["--members", "10"], { DATABASE_DRIVER: "pglite" })).toThrow(/PGlite/);
      expect(() => parseSeedScaleArgs(["--members", "ten", "--url", "postgresql://localhost/x"], {})).toThrow(/--members/);
      // --yes is the operator saying "I mean it"
      expect(parseSeedScaleArgs(["--members", "1_000", "--url", "postgresql://cairn@db.example.com/cairn", "--yes"], {}).members).toBe(1_000);
      expect(await counts(client)).toEqual(before);
    } finally {
      await client.end();
    }
  });
});
