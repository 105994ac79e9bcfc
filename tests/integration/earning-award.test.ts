import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { earningRules, pointPostings } from "@/db/schema";
import { DEFAULT_EARNING_RULES } from "@/db/seed-program";
import { awardBirthday, awardRule, awardSignup } from "@/lib/earning/award-rule";
import { EarningError } from "@/lib/earning/errors";
import { earningKeys } from "@/lib/earning/keys";
import { getBalance } from "@/lib/ledger/balances";
import { getOrCreateCustomer } from "@/lib/ledger/customers";
import { checkLedgerInvariants } from "@/lib/ledger/invariants";

const uid = () => crypto.randomUUID().slice(0, 8);
const customer = async () => (await getOrCreateCustomer(`earner-${uid()}@example.com`)).id;
const postingsOf = (customerId: string, reason?: string) =>
  db
    .select()
    .from(pointPostings)
    .where(and(eq(pointPostings.customerId, customerId), reason ? eq(pointPostings.reason, reason) : undefined));

beforeAll(async () => {
  await db.insert(earningRules).values(DEFAULT_EARNING_RULES);
});

// Each test starts from the default rules, whatever the one before changed.
beforeEach(async () => {
  for (const rule of DEFAULT_EARNING_RULES) {
    await db.update(earningRules).set({ active: true, points: rule.points, capCount: rule.capCount ?? null, capPeriod: rule.capPeriod ?? null, holdDays: rule.holdDays ?? 0 }).where(eq(earningRules.id, rule.id));
  }
});

describe("awardRule", () => {
  it("never exceeds a rule's cap when awards for one customer arrive at once", async () => {
    const c = await customer(); // review: 50 points, at most 5 a month
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => awardRule({ customerId: c, ruleId: "review", key: `review:${c}:${i}`, memo: `Review of item ${i}` })));
    expect(outcomes.filter((o) => o.status === "awarded")).toHaveLength(5);
    expect(outcomes.filter((o) => o.status === "capped")).toHaveLength(7);
    expect(outcomes.filter((o) => o.status === "capped").every((o) => o.points === 0)).toBe(true);
    expect(await postingsOf(c, "review")).toHaveLength(5);
    expect((await getBalance(c)).available).toBe(250);
  });

  it("counts the cap per calendar period", async () => {
    await db.update(earningRules).set({ capCount: 2, capPeriod: "day" }).where(eq(earningRules.id, "social_share"));
    const c = await customer();
    const share = (i: number, at: string) => awardRule({ customerId: c, ruleId: "social_share", key: `share:${c}:${i}`, at: new Date(at) });
    expect((await share(1, "2026-11-20T08:00:00Z")).status).toBe("awarded");
    expect((await share(2, "2026-11-20T23:59:59Z")).status).toBe("awarded");
    expect((await share(3, "2026-11-20T12:00:00Z")).status).toBe("capped");
    expect((await share(4, "2026-11-21T00:00:00Z")).status).toBe("awarded");
  });

  it("gives the signup bonus once", async () => {
    const c = await customer();
    expect(await awardSignup(c)).toMatchObject({ status: "awarded", points: 100 });
    expect(await awardSignup(c)).toMatchObject({ status: "duplicate", points: 100 });
    const [posting] = await postingsOf(c, "signup");
    expect(posting).toMatchObject({ key: earningKeys.signup(c), memo: "Welcome bonus", kind: "earn" });
  });

  it("gives the birthday bonus once a year", async () => {
    const c = await customer();
    expect((await awardBirthday(c, new Date("2026-03-01T09:00:00Z"))).status).toBe("awarded");
    expect((await awardBirthday(c, new Date("2026-03-01T18:00:00Z"))).status).toBe("duplicate");
    // another key in the same year is still capped by the rule (1 a year)
    expect((await awardRule({ customerId: c, ruleId: "birthday", key: `birthday:other:${c}`, at: new Date("2026-08-01T09:00:00Z") })).status).toBe("capped");
    expect((await awardBirthday(c, new Date("2027-03-01T09:00:00Z"))).status).toBe("awarded");
    const postings = await postingsOf(c, "birthday");
    expect(postings.map((p) => p.key).sort()).toEqual([earningKeys.birthday(c, 2026), earningKeys.birthday(c, 2027)]);
    expect(postings.every((p) => p.memo === "Birthday bonus" && p.points === 200)).toBe(true);
  });

  it("awards nothing for a switched-off rule, and again once it is back on", async () => {
    const c = await customer();
    await db.update(earningRules).set({ active: false }).where(eq(earningRules.id, "survey"));
    expect(await awardRule({ customerId: c, ruleId: "survey", key: earningKeys.survey("nps-q4", c) })).toEqual({ status: "inactive", points: 0 });
    expect(await postingsOf(c)).toHaveLength(0);
    await db.update(earningRules).set({ active: true }).where(eq(earningRules.id, "survey"));
    expect((await awardRule({ customerId: c, ruleId: "survey", key: earningKeys.survey("nps-q4", c) })).status).toBe("awarded");
    expect((await awardRule({ customerId: c, ruleId: "survey", key: earningKeys.survey("nps-q4", c) })).status).toBe("duplicate");
    expect((await awardRule({ customerId: c, ruleId: "survey", key: earningKeys.survey("nps-q1", c) })).status).toBe("awarded");
    expect((await getBalance(c)).available).toBe(200);
  });

  it("still answers a repeat as a duplicate after the rule was switched off", async () => {
    const c = await customer();
    await awardRule({ customerId: c, ruleId: "review", key: `review:${c}:x` });
    await db.update(earningRules).set({ active: false }).where(eq(earningRules.id, "review"));
    expect((await awardRule({ customerId: c, ruleId: "review", key: `review:${c}:x` })).status).toBe("duplicate");
  });

  it("keeps points pending for the rule's hold days", async () => {
    await db.update(earningRules).set({ holdDays: 14 }).where(eq(earningRules.id, "review"));
    const c = await customer();
    expect(await awardRule({ customerId: c, ruleId: "review", key: `review:${c}:held`, memo: "Review of Trail Jacket" })).toMatchObject({ status: "awarded", pending: true });
    expect(await getBalance(c)).toMatchObject({ available: 0, pending: 50 });
    const [posting] = await postingsOf(c);
    expect(posting.memo).toBe("Review of Trail Jacket");
  });

  it("awards the membership bonus with the plan's points, once per Stripe object", async () => {
    const c = await customer();
    const key = earningKeys.membership("in_test_123");
    expect(await awardRule({ customerId: c, ruleId: "membership", key, points: 1200, memo: "Plus (annual) bonus" })).toMatchObject({ status: "awarded", points: 1200 });
    expect(await awardRule({ customerId: c, ruleId: "membership", key, points: 1200 })).toMatchObject({ status: "duplicate", points: 1200 });
    expect(await awardRule({ customerId: c, ruleId: "membership", key: earningKeys.membership("cs_test_0") })).toEqual({ status: "no_points", points: 0 });
    expect((await getBalance(c)).available).toBe(1200);
  });

  it("refuses a key already used for another customer, and an unknown rule", async () => {
    const a = await customer();
    const b = await customer();
    await awardRule({ customerId: a, ruleId: "review", key: `shared:${a}` });
    await expect(awardRule({ customerId: b, ruleId: "review", key: `shared:${a}` })).rejects.toBeInstanceOf(EarningError);
    await db.delete(earningRules).where(eq(earningRules.id, "survey"));
    await expect(awardRule({ customerId: b, ruleId: "survey", key: `survey:x:${b}` })).rejects.toMatchObject({ code: "unknown_rule" });
    await db.insert(earningRules).values(DEFAULT_EARNING_RULES.filter((r) => r.id === "survey"));
    expect(await postingsOf(b)).toHaveLength(0);
  });

  it("leaves the ledger consistent", async () => {
    expect(await checkLedgerInvariants()).toEqual([]);
  });
});
