import "server-only";
import { and, desc, eq, gte, like, lt, sql } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, users } from "@/db/schema";
import type { DateRange } from "@/lib/reports/date-range";
import { diffAudit, type AuditChange } from "./audit-diff";
import { startsWith } from "./like";

export type AuditFilters = {
  /** The actor's email, or its beginning; case-insensitive. */
  actor?: string;
  /** The action's beginning: "plan." lists every plan change. */
  action?: string;
  entityType?: string;
  entityId?: string;
};

export type AuditRow = {
  id: number;
  at: Date;
  action: string;
  entityType: string;
  entityId: string | null;
  /** Null for the system (jobs, webhooks) or a deleted user. */
  actorEmail: string | null;
  reason: string | null;
  changes: AuditChange[];
};

const wholeAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Newest first, keyset on id (ids grow with time). `before` is the last id of the previous page. */
export async function listAuditLog(filters: AuditFilters, range: DateRange, before: number | null, limit = 25): Promise<{ rows: AuditRow[]; next: number | null }> {
  const actorEmail = sql`lower(${users.email})`;
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.createdAt,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      actorEmail: users.email,
      reason: auditLog.reason,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        gte(auditLog.createdAt, range.from),
        lt(auditLog.createdAt, range.toExclusive),
        filters.actor ? (wholeAddress.test(filters.actor) ? sql`${actorEmail} = ${filters.actor}` : sql`${actorEmail} like ${startsWith(filters.actor)}`) : undefined,
        filters.action ? like(auditLog.action, startsWith(filters.action)) : undefined,
        filters.entityType ? eq(auditLog.entityType, filters.entityType) : undefined,
        filters.entityId ? eq(auditLog.entityId, filters.entityId) : undefined,
        before !== null ? lt(auditLog.id, before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map(({ before: b, after: a, ...row }) => ({ ...row, changes: diffAudit(b, a) }));
  return { rows: page, next: rows.length > limit ? page.at(-1)!.id : null };
}

/** `before` from the URL: a positive whole number, else the first page. */
export function parseAuditCursor(value: string | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 ? id : null;
}
