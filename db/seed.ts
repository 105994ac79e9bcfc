import { eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { seedCatalog } from "./seed-catalog";
import { DEFAULT_PLANS } from "./seed-plans";
import { earningRules, plans, referralCodes, settings, surveys, tiers, users } from "./schema";
import { DEFAULT_EARNING_RULES, DEFAULT_PROGRAM_SETTINGS, DEFAULT_SURVEYS, DEFAULT_TIERS } from "./seed-program";

export const DEMO_REFERRAL_CODE = "MORGAN";

/** Demo people for the embedded site and for e2e tests. */
export const SEED_USERS = [
  { email: "admin@cairn.test", name: "Avery Admin", role: "admin" as const },
  { email: "ops@cairn.test", name: "Oakley Ops", role: "admin" as const },
  { email: "member@cairn.test", name: "Morgan Member", role: "member" as const },
  { email: "alex@cairn.test", name: "Alex Rivera", role: "member" as const },
  { email: "sam@cairn.test", name: "Sam Lee", role: "member" as const },
  { email: "jordan@cairn.test", name: "Jordan Park", role: "member" as const },
];

export const DEFAULT_PROGRAM = {
  programName: "Cairn",
  supportEmail: "help@cairn.test",
  currency: "USD",
  pointsPerCurrencyUnit: 100, // 100 points = $1 of value
};

/** Idempotent: running it twice changes nothing (unique email, settings key). */
export async function seed(db: Db): Promise<{ users: number }> {
  const inserted = await db
    .insert(users)
    .values(SEED_USERS.map((u) => ({ ...u, emailVerified: sql`now()` as unknown as Date })))
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  await db.insert(settings).values({ key: "program", value: DEFAULT_PROGRAM }).onConflictDoNothing({ target: settings.key });
  // A demo referral link, /r/MORGAN (also what bench:redirect follows).
  const [member] = await db.select({ id: users.id }).from(users).where(eq(users.email, "member@cairn.test"));
  if (member) await db.insert(referralCodes).values({ code: DEMO_REFERRAL_CODE, userId: member.id, vanity: true }).onConflictDoNothing();
  await db.insert(plans).values(DEFAULT_PLANS).onConflictDoNothing({ target: plans.id });
  await db.insert(earningRules).values(DEFAULT_EARNING_RULES).onConflictDoNothing({ target: earningRules.id });
  await db.insert(tiers).values(DEFAULT_TIERS).onConflictDoNothing({ target: tiers.id });
  await db.insert(surveys).values(DEFAULT_SURVEYS).onConflictDoNothing({ target: surveys.id });
  await db
    .insert(settings)
    .values(Object.entries(DEFAULT_PROGRAM_SETTINGS).map(([key, value]) => ({ key, value })))
    .onConflictDoNothing({ target: settings.key });
  // After tiers (rewards gate on them) and settings (points expiry policy).
  await seedCatalog(db, SEED_USERS);
  return { users: inserted.length };
}
