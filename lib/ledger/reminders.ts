import "server-only";
import { addDays } from "date-fns";
import { and, asc, eq, gt, lte } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { customers, pointLotReminders, pointLots } from "@/db/schema";
import { loadBrand } from "@/lib/brand/brand";
import { sendEmail } from "@/lib/email/send-email";
import { PointsExpiringEmail } from "@/lib/email/templates/points-expiring";
import { getEnv } from "@/lib/env";
import { formatDate, formatMoney, formatPoints } from "@/lib/format";
import { withLedgerRetry } from "./post";

/** Days before a lot expires that its holder is reminded, largest first. */
export const REMINDER_DAYS = [30, 7] as const;
export type ReminderDays = (typeof REMINDER_DAYS)[number];

/**
 * Which reminders were sent: one point_lot_reminders row per lot and threshold. Claiming is an
 * insert that does nothing on conflict, so two runs at once (a retried cron, a manual `npm run
 * cron`) cannot both claim a reminder. The rows commit before the email is written to the outbox,
 * so a crash in between loses a reminder rather than sending it twice — the right way round for a nudge.
 */
type DueLot = { id: number; customerId: string; remaining: number; expiresAt: Date };

export type ReminderResult = { emails: number; lots: number };

/**
 * Emails members whose points expire within 30 days, and again within 7: once per lot per
 * threshold, one email per member per run listing what is due. A lot first seen inside 7 days gets
 * the 7-day email only (both thresholds are recorded). Run after expireDueLots, so nothing already
 * expired is announced.
 */
export async function sendExpiryReminders(now: Date = new Date()): Promise<ReminderResult> {
  const horizon = addDays(now, Math.max(...REMINDER_DAYS));
  const lots = await db
    .select({ id: pointLots.id, customerId: pointLots.customerId, remaining: pointLots.remaining, expiresAt: pointLots.expiresAt })
    .from(pointLots)
    // point_lots_expiry_idx (state, expires_at)
    .where(and(eq(pointLots.state, "available"), gt(pointLots.remaining, 0), gt(pointLots.expiresAt, now), lte(pointLots.expiresAt, horizon)))
    .orderBy(asc(pointLots.customerId), asc(pointLots.expiresAt));

  const byCustomer = new Map<string, DueLot[]>();
  for (const lot of lots) {
    if (!lot.expiresAt) continue;
    const list = byCustomer.get(lot.customerId) ?? [];
    list.push({ ...lot, expiresAt: lot.expiresAt });
    byCustomer.set(lot.customerId, list);
  }

  const result: ReminderResult = { emails: 0, lots: 0 };
  if (!byCustomer.size) return result;
  // The point value and the currency it is shown in (settings "points" and "program").
  const { pointValueCents, currency } = await loadBrand();
  for (const [customerId, candidates] of byCustomer) {
    const due = await withLedgerRetry(() => db.transaction((tx) => claimReminders(tx, customerId, candidates, now)));
    if (!due.lots.length) continue;
    await emailReminder(customerId, due, now, pointValueCents, currency);
    result.emails++;
    result.lots += due.lots.length;
  }
  return result;
}

/** Records the reminders now due for one customer's lots and returns them (none if already sent). */
async function claimReminders(tx: Tx, customerId: string, candidates: DueLot[], now: Date): Promise<{ lots: DueLot[] }> {
  const wanted = candidates.flatMap((lot) => REMINDER_DAYS.filter((d) => lot.expiresAt <= addDays(now, d)).map((days) => ({ lotId: lot.id, days, sentAt: now })));
  if (!wanted.length) return { lots: [] };
  const claimed = await tx.insert(pointLotReminders).values(wanted).onConflictDoNothing().returning({ lotId: pointLotReminders.lotId });
  const ids = new Set(claimed.map((c) => c.lotId));
  return { lots: candidates.filter((lot) => ids.has(lot.id)) };
}

async function emailReminder(customerId: string, due: { lots: DueLot[] }, now: Date, pointValueCents: number, currency: string): Promise<void> {
  const [customer] = await db.select({ email: customers.email, name: customers.name }).from(customers).where(eq(customers.id, customerId));
  if (!customer) return;
  const points = due.lots.reduce((sum, lot) => sum + lot.remaining, 0);
  const first = due.lots.reduce((a, b) => (b.expiresAt < a.expiresAt ? b : a)).expiresAt;
  const daysLeft = Math.max(1, Math.ceil((first.getTime() - now.getTime()) / 86_400_000));
  const appUrl = getEnv().APP_URL;
  await sendEmail({
    to: customer.email,
    subject: `${formatPoints(points)} expire on ${formatDate(first)}`,
    template: "points-expiring",
    react: PointsExpiringEmail({
      name: customer.name?.split(" ")[0] ?? null,
      points: formatPoints(points),
      value: pointValueCents > 0 ? formatMoney(points * pointValueCents, currency) : null,
      expiresOn: formatDate(first),
      daysLeft,
      pointsUrl: `${appUrl}/points`,
      rewardsUrl: `${appUrl}/dashboard`,
    }),
  });
}
