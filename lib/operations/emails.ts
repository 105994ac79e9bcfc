import "server-only";
import { and, count, desc, eq, gte, like } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, emailOutbox, users, type OutboxEmail } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { deliver } from "@/lib/email/deliver";
import { getEnv } from "@/lib/env";
import { beforeCursor, encodeCursor, microsOf, newestFirst, type Cursor } from "./cursor";
import type { EmailStatus } from "./schemas";
import { startsWith } from "./like";

/**
 * The email outbox for admins. Resending writes a new outbox row (a copy with the current sender)
 * and delivers that, rather than re-sending the old row: the outbox stays a record of each send
 * with its own status and error, it works the same without a provider (the copy lands in the dev
 * mailbox), and the original's failure is still there to read.
 */

/**
 * Templates whose body carries a link that acts as the recipient (sign in; answer a survey, which
 * earns points): admins see who and when, never the link.
 */
const CREDENTIAL_TEMPLATES = new Set(["sign-in", "survey-invitation"]);
/** Templates whose link expires within minutes: a copy would be useless. */
const SHORT_LIVED_TEMPLATES = new Set(["sign-in"]);

export function isConfidential(email: Pick<OutboxEmail, "template">): boolean {
  return CREDENTIAL_TEMPLATES.has(email.template);
}

export function canResend(email: Pick<OutboxEmail, "template">): boolean {
  return !SHORT_LIVED_TEMPLATES.has(email.template);
}

export type EmailListRow = Pick<OutboxEmail, "id" | "to" | "subject" | "template" | "status" | "attempts" | "error" | "createdAt" | "sentAt">;
export type EmailFilters = { status?: EmailStatus; to?: string };

/** A whole address matches exactly (served by the recipient index); anything shorter matches the start. */
const wholeAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Newest first, keyset on (created_at, id). */
export async function listEmails(filters: EmailFilters, cursor: Cursor | null, limit = 25): Promise<{ rows: EmailListRow[]; next: string | null }> {
  const rows = await db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      error: emailOutbox.error,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
      micros: microsOf(emailOutbox.createdAt),
    })
    .from(emailOutbox)
    .where(
      and(
        filters.status ? eq(emailOutbox.status, filters.status) : undefined,
        filters.to ? (wholeAddress.test(filters.to) ? eq(emailOutbox.to, filters.to) : like(emailOutbox.to, startsWith(filters.to))) : undefined,
        cursor ? beforeCursor(emailOutbox.createdAt, emailOutbox.id, cursor) : undefined,
      ),
    )
    .orderBy(...newestFirst(emailOutbox.createdAt, emailOutbox.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ micros: _micros, ...row }) => row),
    next: rows.length > limit && last ? encodeCursor({ micros: last.micros, id: last.id }) : null,
  };
}

export async function getEmail(id: string): Promise<OutboxEmail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row ?? null;
}

export type Resend = { at: Date; actorEmail: string | null; reason: string | null; copyId: string | null };

/** Earlier resends of a message, from the audit log (newest first). */
export async function listResends(id: string): Promise<Resend[]> {
  const rows = await db
    .select({ at: auditLog.createdAt, actorEmail: users.email, reason: auditLog.reason, after: auditLog.after })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, "email"), eq(auditLog.entityId, id), eq(auditLog.action, "email.resend")))
    .orderBy(desc(auditLog.id))
    .limit(20);
  return rows.map((r) => ({ at: r.at, actorEmail: r.actorEmail, reason: r.reason, copyId: (r.after as { copyId?: string } | null)?.copyId ?? null }));
}

/** Failed messages written since `since` (the operations overview's count). */
export async function countFailedEmails(since: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(emailOutbox).where(and(gte(emailOutbox.createdAt, since), eq(emailOutbox.status, "failed")));
  return row?.n ?? 0;
}

export type ResendResult = { id: string; copyId: string; status: "sent" | "queued" | "failed" | "skipped" | "outbox" };

export async function resendEmail({ id, reason, actorId }: { id: string; reason: string; actorId: string }): Promise<ResendResult> {
  const env = getEnv();
  const copy = await db.transaction(async (tx) => {
    const [original] = await tx.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    if (!original) throw new ActionError("That message doesn't exist.", "not_found");
    if (!canResend(original)) {
      throw new ActionError("Sign-in links expire after 15 minutes, so an old one can't be resent. Send a new sign-in link from the member's profile.", "conflict");
    }
    const [row] = await tx
      .insert(emailOutbox)
      .values({
        to: original.to,
        // The current sender: a wrong or unverified From is a common reason a message failed.
        from: env.EMAIL_FROM,
        subject: original.subject,
        html: original.html,
        text: original.text,
        template: original.template,
        attachments: original.attachments,
        status: env.embedded.email ? "outbox" : "queued",
      })
      .returning({ id: emailOutbox.id, status: emailOutbox.status });
    await writeAudit(tx, {
      actorId,
      action: "email.resend",
      entityType: "email",
      entityId: original.id,
      before: { status: original.status, attempts: original.attempts, error: original.error },
      after: { copyId: row.id, status: row.status },
      reason,
    });
    return row;
  });
  // Delivery after commit (DESIGN invariant 8); deliver() records its outcome on the copy and never throws.
  if (env.embedded.email) return { id, copyId: copy.id, status: "outbox" };
  const delivered = await deliver(copy.id);
  return { id, copyId: copy.id, status: delivered.status };
}
