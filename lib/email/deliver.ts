import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { Resend } from "resend";
import { db } from "@/db";
import { emailOutbox, type OutboxEmail } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { EMAIL_MAX_ATTEMPTS, isPermanentFailure, retryDelayMs } from "./retry-schedule";

/**
 * Delivery from the outbox (DESIGN invariant 8): a message is a row first, and a row is only ever
 * moved forward — sent, queued again for later, or failed after the last attempt. A provider that
 * is down costs time, never a message. Decision: docs/decisions/0013-resilience.md
 */

export type OutgoingEmail = Pick<OutboxEmail, "from" | "to" | "subject" | "html" | "text" | "attachments">;

/** The provider seam: returns the provider's id, throws `EmailProviderError` (or anything) on failure. */
export type EmailProvider = (message: OutgoingEmail, options: { idempotencyKey: string }) => Promise<{ providerId: string | null }>;

export class EmailProviderError extends Error {
  constructor(
    message: string,
    /** The provider's HTTP status, when it answered: decides whether a retry can help. */
    readonly statusCode: number | null,
  ) {
    super(message);
    this.name = "EmailProviderError";
  }
}

/** A provider that hangs must not hold a request or the retry job: the attempt fails and is retried. */
const SEND_TIMEOUT_MS = 15_000;
/**
 * How long a claimed message is left alone while its attempt runs. Longer than the send timeout,
 * so two senders never overlap; a sender killed mid-attempt hands the message to the retry job
 * once the lease runs out.
 */
export const CLAIM_LEASE_MS = 2 * 60_000;

export function resendProvider(apiKey = getEnv().RESEND_API_KEY): EmailProvider {
  return async (message, { idempotencyKey }) => {
    const resend = new Resend(apiKey);
    const { data, error } = await resend.emails.send(
      {
        from: message.from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        attachments: message.attachments.map((a) => ({ filename: a.filename, content: a.contentBase64, contentType: a.contentType })),
      },
      // The outbox id as Resend's idempotency key: a retry after an attempt whose answer was lost
      // (timeout, crash) cannot send the message twice.
      { idempotencyKey, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
    );
    if (error) throw new EmailProviderError(`${error.name}: ${error.message}`, error.statusCode ?? null);
    return { providerId: data?.id ?? null };
  };
}

export type DeliveryOutcome = { id: string; status: "sent" | "queued" | "failed" | "skipped"; attempts: number; nextAttemptAt: Date | null };

export type DeliverOptions = { now?: Date; provider?: EmailProvider };

/**
 * One attempt at one queued message the caller has claimed (sendEmail right after writing it, or
 * the retry job). Records the outcome on the row: sent; or queued again at now + backoff; or failed
 * after EMAIL_MAX_ATTEMPTS or an error a retry cannot fix. Never throws.
 */
export async function deliver(id: string, { now = new Date(), provider }: DeliverOptions = {}): Promise<DeliveryOutcome> {
  let message: OutboxEmail | undefined;
  try {
    [message] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  } catch (error) {
    console.error("[email] could not read the message to deliver; the retry job will", { id, error });
    return { id, status: "skipped", attempts: 0, nextAttemptAt: null };
  }
  if (!message || message.status !== "queued") return { id, status: "skipped", attempts: message?.attempts ?? 0, nextAttemptAt: null };

  const attempts = message.attempts + 1;
  // Only the attempt that read this row may record its outcome (another sender whose lease ran out
  // may have moved it on meanwhile).
  const mine = and(eq(emailOutbox.id, id), eq(emailOutbox.status, "queued"), eq(emailOutbox.attempts, message.attempts));
  try {
    const { providerId } = await (provider ?? resendProvider())(message, { idempotencyKey: `cairn-email-${id}` });
    await db.update(emailOutbox).set({ status: "sent", providerId, error: null, attempts, nextAttemptAt: null, sentAt: now }).where(mine);
    return { id, status: "sent", attempts, nextAttemptAt: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const delay = error instanceof EmailProviderError && isPermanentFailure(error.statusCode) ? null : retryDelayMs(Math.min(attempts, EMAIL_MAX_ATTEMPTS));
    const nextAttemptAt = delay === null ? null : new Date(now.getTime() + delay);
    const status = nextAttemptAt ? "queued" : "failed";
    console.error(`[email] delivery attempt ${attempts} failed${nextAttemptAt ? `; next at ${nextAttemptAt.toISOString()}` : "; giving up"}`, { id, reason });
    // If this write fails too (the database is down), the lease runs out and the retry job tries again.
    await db
      .update(emailOutbox)
      .set({ status, error: reason.slice(0, 1000), attempts, nextAttemptAt })
      .where(mine)
      .catch((e) => console.error("[email] could not record the failed attempt", { id, error: e }));
    return { id, status, attempts, nextAttemptAt };
  }
}

export type DueDeliveries = { claimed: number; sent: number; retrying: number; failed: number };

/**
 * The retry job (`/api/cron/email`, every minute, and a step of the daily job): claims queued
 * messages whose next attempt is due — skipping ones another sender holds — by moving them a lease
 * ahead, then tries each once. Safe to run concurrently and to repeat.
 */
export async function deliverDueEmails({ now = new Date(), provider, limit = 100 }: DeliverOptions & { limit?: number } = {}): Promise<DueDeliveries> {
  // Without a provider (the embedded mode) queued messages wait for one to be configured.
  if (!provider && getEnv().embedded.email) return { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  const lease = new Date(now.getTime() + CLAIM_LEASE_MS);
  // email_outbox_due_idx (next_attempt_at) where status = 'queued'
  const claimed = await db.execute<{ id: string }>(sql`
    update email_outbox set next_attempt_at = ${lease.toISOString()}
    where id in (
      select id from email_outbox
      where status = 'queued' and next_attempt_at <= ${now.toISOString()}
      order by next_attempt_at
      limit ${limit}
      for update skip locked)
    returning id`);
  const ids = ((claimed as { rows?: { id: string }[] }).rows ?? (claimed as unknown as { id: string }[])).map((r) => r.id);
  const result: DueDeliveries = { claimed: ids.length, sent: 0, retrying: 0, failed: 0 };
  for (const id of ids) {
    const outcome = await deliver(id, { now, provider });
    if (outcome.status === "sent") result.sent++;
    else if (outcome.status === "queued") result.retrying++;
    else if (outcome.status === "failed") result.failed++;
  }
  return result;
}
