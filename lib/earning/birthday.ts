import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { customers } from "@/db/schema";
import { awardBirthday, type AwardOutcome } from "./award-rule";
import type { BirthdayInput } from "./birthday-schemas";

export class BirthdayAlreadySetError extends Error {
  constructor() {
    super("Your birthday is already set. If it's wrong, contact us and we'll fix it.");
    this.name = "BirthdayAlreadySetError";
  }
}

/** Stored in a leap year so February 29 fits; only month and day are ever read. */
const storedDate = ({ month, day }: BirthdayInput) => `2000-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

function isBirthday({ month, day }: BirthdayInput, now: Date): boolean {
  const m = now.getUTCMonth() + 1;
  const d = now.getUTCDate();
  if (m === month && d === day) return true;
  // February 29 birthdays are celebrated on the 28th in other years.
  const leap = new Date(Date.UTC(now.getUTCFullYear(), 1, 29)).getUTCMonth() === 1;
  return month === 2 && day === 29 && !leap && m === 2 && d === 28;
}

/**
 * The member sets their birthday once (a conditional update: a second try changes nothing). If it
 * is today, this year's bonus is awarded now rather than at tomorrow's daily run.
 */
export async function setBirthday(customerId: string, birthday: BirthdayInput, now = new Date()): Promise<{ awarded: AwardOutcome | null }> {
  const updated = await db
    .update(customers)
    .set({ birthday: storedDate(birthday) })
    .where(and(eq(customers.id, customerId), isNull(customers.birthday)))
    .returning({ id: customers.id });
  if (!updated.length) throw new BirthdayAlreadySetError();
  return { awarded: isBirthday(birthday, now) ? await awardBirthday(customerId, now) : null };
}

/** The daily job's step: everyone whose birthday is today gets this year's bonus (keyed on the year). */
export async function awardBirthdays(now = new Date()): Promise<{ awarded: number }> {
  const month = now.getUTCMonth() + 1;
  const day = now.getUTCDate();
  const leap = new Date(Date.UTC(now.getUTCFullYear(), 1, 29)).getUTCMonth() === 1;
  const feb29OnThe28th = !leap && month === 2 && day === 28;
  const due = await db
    .select({ id: customers.id })
    .from(customers)
    .where(
      feb29OnThe28th
        ? sql`extract(month from ${customers.birthday}) = 2 and extract(day from ${customers.birthday}) in (28, 29)`
        : sql`extract(month from ${customers.birthday}) = ${month} and extract(day from ${customers.birthday}) = ${day}`,
    );
  let awarded = 0;
  for (const c of due) {
    const outcome = await awardBirthday(c.id, now);
    if (outcome.status === "awarded") awarded++;
  }
  return { awarded };
}
