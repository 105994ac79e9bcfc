import "server-only";
import { and, eq } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { referralCodes } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { generateCode, normalizeCode, vanityCodeProblem } from "./code-format";

export type ReferralCodes = {
  /** The generated 8-character code. */
  code: string;
  /** The vanity code, once chosen. */
  vanity: string | null;
  /** What to share: the vanity code if there is one. */
  shareCode: string;
};

async function codesOf(conn: Db | Tx, userId: string): Promise<{ code: string | null; vanity: string | null }> {
  const rows = await conn.select().from(referralCodes).where(eq(referralCodes.userId, userId));
  return { code: rows.find((r) => !r.vanity)?.code ?? null, vanity: rows.find((r) => r.vanity)?.code ?? null };
}

/**
 * The member's codes, the generated one created on first need. Two concurrent first calls agree:
 * the (user, vanity) unique key lets one insert win, and both read it back. A code collision
 * (31^8 codes) just draws again.
 */
export async function getOrCreateReferralCode(userId: string): Promise<ReferralCodes> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await codesOf(db, userId);
    if (existing.code) return { code: existing.code, vanity: existing.vanity, shareCode: existing.vanity ?? existing.code };
    await db.insert(referralCodes).values({ code: generateCode(), userId, vanity: false }).onConflictDoNothing();
  }
  throw new Error(`Could not create a referral code for user ${userId}`);
}

/** Chooses the member's vanity code, once. Refusals are field errors on `code`. */
export async function setVanityCode(userId: string, input: string): Promise<ReferralCodes> {
  const fail = (message: string, code: "invalid_input" | "conflict" = "invalid_input") => new ActionError(message, code, { code: [message] });
  const code = normalizeCode(input);
  if (!code) throw fail("Use 3 to 20 letters, digits or dashes.");
  const problem = vanityCodeProblem(code);
  if (problem) throw fail(problem);
  await getOrCreateReferralCode(userId);
  // One vanity row per member (unique user+vanity) and one owner per code (primary key): the
  // insert either wins or tells us which rule refused it.
  const inserted = await db.insert(referralCodes).values({ code, userId, vanity: true }).onConflictDoNothing().returning();
  if (!inserted.length) {
    const [mine] = await db.select().from(referralCodes).where(and(eq(referralCodes.userId, userId), eq(referralCodes.vanity, true)));
    if (mine) throw fail(mine.code === code ? "That is already your code." : `You already chose your code (${mine.code}); it can't be changed.`, "conflict");
    throw fail("That code is taken. Please choose another.", "conflict");
  }
  return getOrCreateReferralCode(userId);
}

/** The owner of a code (case-insensitive: codes are stored upper-case); null when malformed or unknown. */
export async function findReferralCode(input: string | null | undefined, conn: Db | Tx = db): Promise<{ code: string; userId: string } | null> {
  const code = normalizeCode(input);
  if (!code) return null;
  const [row] = await conn.select({ code: referralCodes.code, userId: referralCodes.userId }).from(referralCodes).where(eq(referralCodes.code, code));
  return row ?? null;
}
