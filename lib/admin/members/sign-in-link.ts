import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { signIn } from "@/lib/auth/auth";
import { takeSignInAttempt } from "@/lib/auth/rate-limit";

/**
 * "Resend sign-in link": the member gets the same magic-link email as from the sign-in page,
 * through Auth.js (the token is created and stored by it, the email goes through the outbox), and
 * under the same per-address and per-IP limits. The attempt is recorded with the admin's IP and a
 * user agent naming the admin, so referral fraud rules (which compare a referee's device with the
 * referrer's sign-ins) never mistake the admin's device for the member's.
 */
export async function sendMemberSignInLink(actorId: string, userId: string, ip: string, now: Date = new Date()): Promise<{ email: string }> {
  const [user] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) throw new ActionError("That member doesn't exist any more. Go back to the members list.", "not_found");
  const email = user.email.toLowerCase();

  const decision = await takeSignInAttempt(email, ip, now, `admin-console:${actorId}`);
  if (!decision.allowed) {
    const wait = decision.retryAfterSeconds >= 120 ? `${Math.ceil(decision.retryAfterSeconds / 60)} minutes` : `${decision.retryAfterSeconds} seconds`;
    throw new ActionError(`A sign-in email went to ${email} very recently, so another can't be sent yet. Wait ${wait} and try again; the last link still works for 15 minutes.`, "rate_limited");
  }

  const result = await signIn("resend", { email, redirect: false, redirectTo: "/dashboard" });
  if (typeof result === "string" && result.includes("error=")) {
    console.error("[members] sign-in email was not sent", { result });
    throw new ActionError("The sign-in email could not be sent just now. Try again in a minute.");
  }
  // The token and the email are Auth.js's writes; the audit row records who asked for them.
  await writeAudit(db, { actorId, action: "member.sign_in_link_sent", entityType: "user", entityId: user.id, before: null, after: { email }, reason: "Requested from the members console" });
  return { email };
}
