import "server-only";
import { and, asc, count, desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { emailOutbox, type OutboxEmail } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import { getEnv } from "@/lib/env";

/** The dev mailbox is the inbox only while no provider is configured, or in development. */
export function isMailboxEnabled(): boolean {
  const env = getEnv();
  return env.embedded.email || env.NODE_ENV === "development";
}

export async function listOutbox({ to, limit = 50 }: { to?: string; limit?: number } = {}): Promise<OutboxEmail[]> {
  const query = db.select().from(emailOutbox);
  const filtered = to ? query.where(eq(emailOutbox.to, to.trim().toLowerCase())) : query;
  return filtered.orderBy(desc(emailOutbox.createdAt)).limit(limit);
}

export async function getOutboxEmail(id: string): Promise<OutboxEmail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row ?? null;
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Decodes the character references email HTML uses (react-email pads buttons with &#8202; and &#8203;). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, ref: string) => {
    if (ref[0] !== "#") return NAMED_ENTITIES[ref.toLowerCase()] ?? entity;
    const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** Links in a message, so the mailbox can show them as plain anchors outside the sandboxed frame. */
export function extractLinks(html: string): { href: string; text: string }[] {
  const links: { href: string; text: string }[] = [];
  for (const match of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"[^>]*>([\s\S]*?)<\/a>/gi)) {
    const href = decodeEntities(match[1]);
    // Zero-width characters are layout hacks for mail clients: as link text they are read out as noise.
    const text = decodeEntities(match[2].replace(/<[^>]+>/g, ""))
      .replace(/[\u200b-\u200d\ufeff]/g, "")
      .replace(/\s+/g, " ")
      .trim();
    if (/^https?:\/\//.test(href)) links.push({ href, text: text || href });
  }
  return links;
}

export type UndeliveredEmails = { failed: OutboxEmail[]; retrying: OutboxEmail[]; counts: { failed: number; retrying: number } };

/** For admins: messages that gave up (newest first) and messages waiting for their next attempt (soonest first). */
export async function listUndelivered(limit = 50): Promise<UndeliveredEmails> {
  const [failed, retrying, [failedCount], [retryingCount]] = await Promise.all([
    // email_outbox_failed_idx (created_at) where status = 'failed'
    db.select().from(emailOutbox).where(eq(emailOutbox.status, "failed")).orderBy(desc(emailOutbox.createdAt)).limit(limit),
    // email_outbox_due_idx (next_attempt_at) where status = 'queued'
    db.select().from(emailOutbox).where(eq(emailOutbox.status, "queued")).orderBy(asc(emailOutbox.nextAttemptAt)).limit(limit),
    db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.status, "failed")),
    db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.status, "queued")),
  ]);
  return { failed, retrying, counts: { failed: failedCount.n, retrying: retryingCount.n } };
}

/**
 * An admin sends a message that gave up back to the retry job, due now, with a fresh schedule of
 * attempts (after fixing what made it fail: the API key, the sender domain). Audited. Returns
 * false when the message is not in the failed state (already retried, or sent).
 */
export async function retryFailedEmail({ emailId, actorId, now = new Date() }: { emailId: string; actorId: string; now?: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(emailOutbox)
      .set({ status: "queued", attempts: 0, nextAttemptAt: now })
      .where(and(eq(emailOutbox.id, emailId), eq(emailOutbox.status, "failed")))
      .returning({ id: emailOutbox.id, to: emailOutbox.to, template: emailOutbox.template });
    if (!row) return false;
    await writeAudit(tx, { actorId, action: "email.retry", entityType: "email", entityId: row.id, after: { to: row.to, template: row.template } });
    return true;
  });
}
