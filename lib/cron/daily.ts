import "server-only";
import { refreshAccounting, type AccountingRefresh } from "@/lib/accounting/views";
import { refreshAnalytics } from "@/lib/analytics/views";
import { endExpiredCompMemberships } from "@/lib/admin/members/comp-memberships";
import { awardBirthdays } from "@/lib/earning/birthday";
import { deliverDueEmails, type DueDeliveries } from "@/lib/email/deliver";
import { expireDueLots, releaseDueLots } from "@/lib/ledger/jobs";
import { sendExpiryReminders, type ReminderResult } from "@/lib/ledger/reminders";
import { markRewardedReferrals } from "@/lib/referrals/qualify";
import { runDueDraws } from "@/lib/rewards/draw";
import { expireStaleOffers, type OfferExpiry } from "@/lib/rewards/waitlist";
import { runSurveyJobs, type SurveyRunResult } from "@/lib/surveys/schedule";
import { runTierMaintenance, type TierMaintenance } from "@/lib/tiers/tiers";

export type DailyResult = {
  at: string;
  released: number | null;
  expired: { lots: number; points: number } | null;
  tiers: TierMaintenance | null;
  reminders: ReminderResult | null;
  birthdays: { awarded: number } | null;
  /** Waitlist offers past their 24 hours: expired, and how many seats went to the next in line. */
  waitlist: OfferExpiry | null;
  draws: { drawn: number; errors: string[] } | null;
  referrals: Awaited<ReturnType<typeof markRewardedReferrals>> | null;
  /** Surveys whose trigger came due: invited and emailed; answers whose points were still owed: paid. */
  surveys: SurveyRunResult | null;
  /** Complimentary memberships past their end date: ended (before the tier step, which lets their plan floor go). */
  comps: { ended: number } | null;
  /** The analytics rollups were rebuilt as of this run (last, so they count what the steps above wrote). */
  analytics: true | null;
  /** The points-accounting rollups (docs/decisions/0009-points-accounting.md), after expiry and every posting above. */
  accounting: AccountingRefresh | null;
  /** Outbox messages due for another attempt (a backstop: /api/cron/email retries every minute). */
  emails: DueDeliveries | null;
  /** One line per step that failed; the steps after it still ran. */
  errors: string[];
};

/**
 * The nightly job, in order: pending lots whose hold ended become available; lots past their expiry
 * expire; complimentary memberships past their end date end; tiers are recomputed and downgrades past their grace apply; then members hear about points
 * expiring in 30 and 7 days (after expiry, so nothing already gone is announced); then birthday
 * bonuses for today's birthdays (keyed on the year); last, waitlist offers nobody accepted expire
 * and their held seats pass to the next member waiting. Every step is
 * idempotent, so a retried or doubled run changes nothing more. A failing step is logged and
 * reported, and the later steps still run: a stuck reminder must not hold back expiry.
 */
export async function runDailyJobs(now: Date = new Date()): Promise<DailyResult> {
  const result: DailyResult = { at: now.toISOString(), released: null, expired: null, tiers: null, reminders: null, birthdays: null, waitlist: null, draws: null, referrals: null, surveys: null, comps: null, emails: null, analytics: null, accounting: null, errors: [] };
  const step = async <K extends "released" | "expired" | "tiers" | "reminders" | "birthdays" | "waitlist" | "draws" | "referrals" | "surveys" | "comps" | "emails" | "analytics" | "accounting">(name: K, run: () => Promise<DailyResult[K]>) => {
    try {
      result[name] = await run();
    } catch (error) {
      console.error(`[cron] daily step ${name} failed`, error);
      result.errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await step("released", () => releaseDueLots(now));
  await step("expired", () => expireDueLots(now));
  await step("comps", () => endExpiredCompMemberships(now));
  await step("tiers", () => runTierMaintenance(now));
  await step("reminders", () => sendExpiryReminders(now));
  await step("birthdays", () => awardBirthdays(now));
  await step("waitlist", () => expireStaleOffers(now));
  // Draws whose entry window has closed run here if no admin ran them first (idempotent).
  await step("draws", () => runDueDraws(now));
  // Referral rewards whose hold has passed (their pending lots were released above) read "rewarded".
  await step("referrals", () => markRewardedReferrals(now));
  // NPS surveys due today (N days after joining or after an experience), once each by a unique key.
  await step("surveys", () => runSurveyJobs(now));
  // After every step that sends mail, so the emails they queued and could not deliver get their retry too.
  await step("emails", () => deliverDueEmails({ now }));
  // The dashboard's rollups (docs/decisions/0008-analytics.md): one rebuild, after everything above.
  await step("analytics", () => refreshAnalytics(undefined, now).then(() => true as const));
  await step("accounting", () => refreshAccounting(undefined, now));
  return result;
}
