import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { customers, pointPostings, referralClicks, referralCodes, referrals, users, type Referral } from "@/db/schema";
import { flaggedReferrals, programFunnel, topReferrers } from "@/app/admin/referrals/_data";

// One database per file: the report counts everything in it, so this file owns all its rows.

const uid = () => crypto.randomUUID().slice(0, 8);

async function person(name: string) {
  const [user] = await db.insert(users).values({ email: `${name.toLowerCase()}-${uid()}@example.com`, name }).returning();
  return user;
}

async function referrer(name: string) {
  const user = await person(name);
  const code = `R${uid().toUpperCase()}`;
  await db.insert(referralCodes).values({ code, userId: user.id, vanity: false });
  return { user, code };
}

async function refer(from: { user: { id: string }; code: string }, status: Referral["status"]) {
  const referee = await person("Friend");
  const [row] = await db.insert(referrals).values({ referrerUserId: from.user.id, refereeUserId: referee.id, code: from.code, source: "link", status, reason: status === "flagged" ? "burst of clicks" : null }).returning();
  return { row, referee };
}

describe("admin referral report", () => {
  it("counts clicks, sign-ups without blocked ones, conversions and net referral points; ranks referrers; lists the flagged", async () => {
    const ana = await referrer("Ana");
    const ben = await referrer("Ben");
    await db.insert(referralClicks).values(Array.from({ length: 5 }, () => ({ code: ana.code, ipHash: "ip", uaHash: "ua" })));
    const { row: rewarded } = await refer(ana, "rewarded");
    await refer(ana, "qualified");
    await refer(ana, "pending");
    await refer(ben, "qualified");
    const { row: flagged, referee } = await refer(ben, "flagged");
    await refer(ben, "blocked");

    const [customer] = await db.insert(customers).values({ email: ana.user.email, userId: ana.user.id }).returning();
    // Plain postings stand in for the ledger's (their entries are not what the report sums).
    await db.insert(pointPostings).values([
      { key: `referral:${rewarded.id}`, kind: "earn", customerId: customer.id, reason: "referral", memo: "Referral", points: 1000 },
      { key: `referral:${rewarded.id}:clawback`, kind: "reverse", customerId: customer.id, reason: "referral_clawback", memo: "Clawback", points: -400 },
      { key: `order:test:${uid()}`, kind: "earn", customerId: customer.id, reason: "purchase", memo: "Order", points: 50 },
    ]);

    const funnel = await programFunnel();
    expect(funnel).toMatchObject({ clicks: 5, signups: 5, conversions: 3 });
    expect(funnel.byStatus).toMatchObject({ flagged: 1, blocked: 1 });
    // the grant minus its clawback; the purchase is not a referral posting
    expect(funnel.pointsPaid).toBe(600);

    const top = await topReferrers();
    expect(top.map((r) => [r.name, r.signups, r.conversions])).toEqual([
      ["Ana", 3, 2],
      ["Ben", 3, 1],
    ]);

    const queue = await flaggedReferrals();
    expect(queue).toEqual([expect.objectContaining({ id: flagged.id, reason: "burst of clicks", referrerEmail: ben.user.email, refereeEmail: referee.email })]);
  });
});
