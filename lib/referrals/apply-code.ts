import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { users, type Referral } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { findReferralCode } from "./codes";
import { canonicalEmail } from "./email-identity";
import { memberReferral } from "./invite";
import { attributeTypedCode, hasPaidHistory } from "./record";

const refuse = (message: string) => new ActionError(message, "invalid_input", { code: [message] });

const UNKNOWN = "We don't know that code. Check it with the friend who gave it to you.";
const OWN = "That's your own code. Share it with friends instead: they get the offer, and you get points when they join.";
const PAID_BEFORE = "Referral codes are for a first paid membership, and you've had one already.";
const alreadyBy = (name: string | null) => `You were already invited by ${name ?? "another member"}, and a membership can have only one referral.`;

/**
 * A code typed on the pricing page by a signed-in member: it records their referral as a code
 * typed at checkout would, so the offer (Checkout discount or welcome points) follows from it.
 * Every refusal is a field error on `code` and writes nothing — the own-code checks run here,
 * before recording, because a recorded self-referral would stay (blocked) for good. Only the
 * device check of the fraud rules can still record a blocked referral, which is their purpose.
 */
export async function applyReferralCode(user: { id: string; email: string }, input: string, hashes: { ipHash?: string | null; uaHash?: string | null } = {}): Promise<Referral> {
  const owner = await findReferralCode(input);
  if (!owner) throw refuse(UNKNOWN);
  if (owner.userId === user.id) throw refuse(OWN);
  const existing = await memberReferral(user.id);
  if (existing) throw refuse(alreadyBy(existing.referrerName));
  if (await hasPaidHistory(user.id)) throw refuse(PAID_BEFORE);
  const [referrer] = await db.select({ email: users.email }).from(users).where(eq(users.id, owner.userId));
  if (referrer && canonicalEmail(referrer.email) === canonicalEmail(user.email)) throw refuse(OWN);

  const referral = await attributeTypedCode(user, owner.code, hashes);
  // Lost races: a paid membership or another referral landed between the checks and the insert.
  if (!referral) throw refuse(PAID_BEFORE);
  if (referral.referrerUserId !== owner.userId) throw refuse(alreadyBy((await memberReferral(user.id))?.referrerName ?? null));
  if (referral.status === "blocked") throw refuse(OWN);
  return referral;
}
