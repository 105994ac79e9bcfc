import "server-only";
import { awardBirthdays } from "@/lib/earning/birthday";
import { expireDueLots, releaseDueLots } from "@/lib/ledger/jobs";
import { sendExpiryReminders, type ReminderResult } from "@/lib/ledger/reminders";
import { runTierMaintenance, type TierMaintenance } from "@/lib/tiers/tiers";

export type DailyResult = {
  at: string;
  released: number | null;
  expired: { lots: number; points: number } | null;
  tiers: TierMaintenance | null;
  reminders: ReminderResult | null;
  birthdays: { awarded: number } | null;
  /** One line per step that failed; the steps after it still ran. */
  errors: string[];
};

/**
 * The nightly job, in order: pending lots whose hold ended become available; lots past their expiry
 * expire; tiers are recomputed and downgrades past their grace apply; then members hear about points
 * expiring in 30 and 7 days (after expiry, so nothing already gone is announced); last, birthday
 * bonuses for today's birthdays (keyed on the year). Every step is
 * idempotent, so a retried or doubled run changes nothing more. A failing step is logged and
 * reported, and the later steps still run: a stuck reminder must not hold back expiry.
 */
export async function runDailyJobs(now: Date = new Date()): Promise<DailyResult> {
  const result: DailyResult = { at: now.toISOString(), released: null, expired: null, tiers: null, reminders: null, birthdays: null, errors: [] };
  const step = async <K extends "released" | "expired" | "tiers" | "reminders" | "birthdays">(name: K, run: () => Promise<DailyResult[K]>) => {
    try {
      result[name] = await run();
    } catch (error) {
      console.error(`[cron] daily step ${name} failed`, error);
      result.errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await step("released", () => releaseDueLots(now));
  await step("expired", () => expireDueLots(now));
  await step("tiers", () => runTierMaintenance(now));
  await step("reminders", () => sendExpiryReminders(now));
  await step("birthdays", () => awardBirthdays(now));
  return result;
}
