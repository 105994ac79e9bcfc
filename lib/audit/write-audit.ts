import "server-only";
import type { Db, Tx } from "@/db";
import { auditLog, type NewAuditEntry } from "@/db/schema";

/** Pass the transaction that makes the change, so the audit row commits or rolls back with it. */
export async function writeAudit(tx: Db | Tx, entry: NewAuditEntry): Promise<void> {
  await tx.insert(auditLog).values(entry);
}
