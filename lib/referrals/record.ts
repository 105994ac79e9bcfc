import "server-only";
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { memberships, referrals, signInAttempts, users, type Referral } from "@/db/schema";
import { withLedgerRetry } from "@/lib/ledger/post";
import { touchesFor } from "./attribution";
import { findReferralCode } from "./codes";
import { canonicalEmail, isDisposableEmail } from "./email-identity";
import { getReferralSettings } from "./settings";
import { postRefereeWelcome } from "./welcome";
import { chooseTouch, DAY_MS } from "./window";

/** How far back the referrer's own sign-ins count when comparing devices (same IP and user agent). */
export const SELF_REFERRAL_DEVICE_DAYS = 30;
const HOUR_MS = 60 * 60 * 1000;

export type RecordReferralInput = {
  user: { id: string; email: string };
  /** The `cairn_ref` cookie: a click id. */
  clickId?: string | null;
  /** A code typed at sign-up or checkout. */
  typedCode?: string | null;
  /** Hashes of the request's IP and user agent (null when unknown: those checks are skipped). */
  ipHash?: string | null;
  uaHash?: string | null;
  now?: Date;
};

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];

/**
 * Records who referred a new member, once (a member is referred at most once: unique referee).
 * Self-referrals are kept as `blocked` and suspicious ones as `flagged` (reward held for review),
 * so the referrer's funnel and the review queue can show them. Returns null when nothing attributes.
 * When the friend's reward is bonus points, a `pending` referral posts them in the same transaction.
 */
export async function recordReferral(input: RecordReferralInput): Promise<Referral | null> {
  const now = input.now ?? new Date();
  const settings = await getReferralSettings();
  const { click, typed } = await touchesFor(input, settings, now);
  const touch = chooseTouch(settings.touch, click, typed);
  if (!touch) return null;
  const owner = await findReferralCode(touch.code);
  if (!owner) return null;

  // Retried whole on a deadlock: the welcome bonus locks the referee's balance row.
  return withLedgerRetry(() =>
    db.transaction(async (tx) => {
      // Counts below (burst per link, velocity per IP) must see each other's inserts.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`referral-code:${owner.code}`}))`);
      if (input.ipHash) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`referral-ip:${input.ipHash}`}))`);

      const [existing] = await tx.select().from(referrals).where(eq(referrals.refereeUserId, input.user.id));
      if (existing) return existing;

      const { status, reason } = await screen(tx, { ...input, now, referrerUserId: owner.userId, code: owner.code }, settings);
      const [row] = await tx
        .insert(referrals)
        .values({
          referrerUserId: owner.userId,
          refereeUserId: input.user.id,
          code: owner.code,
          clickId: touch.kind === "click" ? touch.clickId : null,
          source: touch.kind === "click" ? "link" : "code",
          status,
          reason,
          createdAt: now,
        })
        .onConflictDoNothing({ target: referrals.refereeUserId })
        .returning();
      if (!row) return (await tx.select().from(referrals).where(eq(referrals.refereeUserId, input.user.id)))[0];
      // A flagged referral's welcome waits for the review (lib/referrals/review.ts); a blocked one never gets it.
      if (row.status === "pending") await postRefereeWelcome(tx, row, settings, now);
      return row;
    }),
  );
}

type Screened = { status: "pending" | "blocked" | "flagged"; reason: string | null };

async function screen(
  tx: Tx,
  input: RecordReferralInput & { now: Date; referrerUserId: string; code: string },
  settings: { weeklyIpLimit: number; burstPerHour: number },
): Promise<Screened> {
  const { now } = input;
  if (input.referrerUserId === input.user.id) return { status: "blocked", reason: "self_referral: same account" };
  const [referrer] = await tx.select({ email: users.email }).from(users).where(eq(users.id, input.referrerUserId));
  if (referrer && canonicalEmail(referrer.email) === canonicalEmail(input.user.email)) return { status: "blocked", reason: "self_referral: same email address" };
  if (referrer && input.ipHash && input.uaHash) {
    const since = new Date(now.getTime() - SELF_REFERRAL_DEVICE_DAYS * DAY_MS);
    const [sameDevice] = await tx
      .select({ id: signInAttempts.id })
      .from(signInAttempts)
      .where(and(eq(sql`lower(${signInAttempts.email})`, referrer.email.toLowerCase()), eq(signInAttempts.ipHash, input.ipHash), eq(signInAttempts.uaHash, input.uaHash), gt(signInAttempts.createdAt, since)))
      .limit(1);
    if (sameDevice) return { status: "blocked", reason: "self_referral: same device as the referrer's sign-ins" };
  }

  const flags: string[] = [];
  if (input.ipHash) {
    // Referrals of the last 7 days from this IP: by the link click or by the referee's sign-in.
    const weekAgo = new Date(now.getTime() - 7 * DAY_MS).toISOString();
    const [{ n }] = rowsOf<{ n: number }>(
      await tx.execute(sql`
        select count(*)::int as n from referrals r
        where r.created_at > ${weekAgo}
          and (exists (select 1 from referral_clicks c where c.id = r.click_id and c.ip_hash = ${input.ipHash})
            or exists (select 1 from users u join sign_in_attempts s on lower(s.email) = lower(u.email)
                       where u.id = r.referee_user_id and s.ip_hash = ${input.ipHash} and s.created_at > ${weekAgo}))`),
    );
    if (n + 1 > settings.weeklyIpLimit) flags.push(`velocity: more than ${settings.weeklyIpLimit} referrals from one IP in 7 days`);
  }
  if (isDisposableEmail(input.user.email)) flags.push("disposable email domain");
  const [{ n: burst }] = rowsOf<{ n: number }>(
    await tx.execute(sql`select count(*)::int as n from referrals where code = ${input.code} and created_at > ${new Date(now.getTime() - HOUR_MS).toISOString()}`),
  );
  if (burst + 1 > settings.burstPerHour) flags.push(`burst: more than ${settings.burstPerHour} sign-ups from one link in an hour`);
  return flags.length ? { status: "flagged", reason: flags.join("; ") } : { status: "pending", reason: null };
}

/** Memberships that mean the member has (or had) a paid plan: a typed code can no longer attribute. */
export async function hasPaidHistory(userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), inArray(memberships.status, ["active", "trialing", "past_due", "unpaid", "paused", "canceled", "refunded", "disputed"])))
    .limit(1);
  return !!row;
}

/**
 * A code typed at checkout (or later at sign-up) attributes a member who has no referral yet and
 * no paid history. Unknown codes are the caller's to report.
 */
export async function attributeTypedCode(user: { id: string; email: string }, code: string, hashes: { ipHash?: string | null; uaHash?: string | null } = {}): Promise<Referral | null> {
  const [existing] = await db.select().from(referrals).where(eq(referrals.refereeUserId, user.id));
  if (existing) return existing;
  if (await hasPaidHistory(user.id)) return null;
  return recordReferral({ user, typedCode: code, ...hashes });
}
