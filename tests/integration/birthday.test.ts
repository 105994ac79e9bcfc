import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { customers, earningRules, pointPostings } from "@/db/schema";
import { DEFAULT_EARNING_RULES } from "@/db/seed-program";
import { awardBirthdays, BirthdayAlreadySetError, setBirthday } from "@/lib/earning/birthday";
import { birthdaySchema } from "@/lib/earning/birthday-schemas";
import { getBalance } from "@/lib/ledger/balances";
import { getOrCreateCustomer } from "@/lib/ledger/customers";

const customer = async (tag: string) => getOrCreateCustomer(`${tag}-${crypto.randomUUID().slice(0, 8)}@example.com`);
const utc = (iso: string) => new Date(`${iso}T10:00:00Z`);

describe("birthday bonus", () => {
  beforeAll(async () => {
    await db.insert(earningRules).values(DEFAULT_EARNING_RULES).onConflictDoNothing();
  });

  it("is set once; a second try changes nothing", async () => {
    const c = await customer("once");
    await setBirthday(c.id, { month: 7, day: 14 }, utc("2026-03-01"));
    await expect(setBirthday(c.id, { month: 1, day: 1 }, utc("2026-03-02"))).rejects.toBeInstanceOf(BirthdayAlreadySetError);
    const [row] = await db.select().from(customers).where(eq(customers.id, c.id));
    expect(row.birthday).toBe("2000-07-14");
  });

  it("awards at once when set on the day, and the daily job awards once a year", async () => {
    const c = await customer("today");
    const { awarded } = await setBirthday(c.id, { month: 11, day: 22 }, utc("2026-11-22"));
    expect(awarded?.status).toBe("awarded");
    await awardBirthdays(utc("2026-11-22")); // the same day's run: already awarded this year
    expect((await getBalance(c.id)).available).toBe(200);
    await awardBirthdays(utc("2027-11-22"));
    await awardBirthdays(utc("2027-11-22"));
    expect((await getBalance(c.id)).available).toBe(400);
    const postings = await db.select().from(pointPostings).where(eq(pointPostings.customerId, c.id));
    expect(postings.map((p) => p.key).sort()).toEqual([`birthday:${c.id}:2026`, `birthday:${c.id}:2027`]);
  });

  it("celebrates February 29 on the 28th in other years", async () => {
    const c = await customer("leap");
    await setBirthday(c.id, { month: 2, day: 29 }, utc("2027-01-10"));
    await awardBirthdays(utc("2027-02-28"));
    expect((await getBalance(c.id)).available).toBe(200);
    await awardBirthdays(utc("2028-02-28")); // 2028 is a leap year: not yet
    expect((await getBalance(c.id)).available).toBe(200);
    await awardBirthdays(utc("2028-02-29"));
    expect((await getBalance(c.id)).available).toBe(400);
  });

  it.each([
    [{ month: 2, day: 30 }, "day"],
    [{ month: 13, day: 1 }, "month"],
    [{ month: "", day: 3 }, "month"],
  ])("rejects %o naming %s", (input, field) => {
    const parsed = birthdaySchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual([field]);
  });
});
