import "server-only";
import { and, count, desc, eq, isNull, max } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { integrations, orders, type Integration } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import { generateIntegrationSecret, hashSecret, secretPrefix } from "./signature";

export type IntegrationSummary = Integration & { orders: number; lastOrderAt: Date | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Null for an id that is not a uuid, rather than a database error. */
export async function getIntegration(id: string, conn: Db | Tx = db): Promise<Integration | null> {
  if (!UUID.test(id)) return null;
  const [row] = await conn.select().from(integrations).where(eq(integrations.id, id));
  return row ?? null;
}

/** The admin list, newest first, with how many orders each has sent. */
export async function listIntegrations(): Promise<IntegrationSummary[]> {
  const rows = await db
    .select({ integration: integrations, orders: count(orders.id), lastOrderAt: max(orders.createdAt) })
    .from(integrations)
    .leftJoin(orders, eq(orders.integrationId, integrations.id))
    .groupBy(integrations.id)
    .orderBy(desc(integrations.createdAt));
  return rows.map((r) => ({ ...r.integration, orders: r.orders, lastOrderAt: r.lastOrderAt }));
}

/**
 * A new integration and its secret. The secret is returned this once and stored only as its
 * SHA-256 and a short prefix; the audit row commits with the integration.
 */
export async function createIntegration(input: { name: string; actorId: string | null }): Promise<{ integration: Integration; secret: string }> {
  const secret = generateIntegrationSecret();
  return db.transaction(async (tx) => {
    const [integration] = await tx
      .insert(integrations)
      .values({ name: input.name, secretHash: hashSecret(secret), secretPrefix: secretPrefix(secret), createdBy: input.actorId })
      .returning();
    await writeAudit(tx, {
      actorId: input.actorId,
      action: "integration.created",
      entityType: "integration",
      entityId: integration.id,
      after: { name: integration.name, secretPrefix: integration.secretPrefix },
    });
    return { integration, secret };
  });
}

export class IntegrationError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "conflict",
  ) {
    super(message);
    this.name = "IntegrationError";
  }
}

/** Revoked at once: its next request gets 401. Orders it sent stay, with their points. */
export async function revokeIntegration(input: { id: string; actorId: string | null; reason?: string }): Promise<Integration> {
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(integrations)
      .set({ revokedAt: new Date() })
      .where(and(eq(integrations.id, input.id), isNull(integrations.revokedAt)))
      .returning();
    if (!revoked) {
      const existing = await getIntegration(input.id, tx);
      throw existing ? new IntegrationError(`${existing.name} is already revoked.`, "conflict") : new IntegrationError("There is no such integration.", "not_found");
    }
    await writeAudit(tx, {
      actorId: input.actorId,
      action: "integration.revoked",
      entityType: "integration",
      entityId: revoked.id,
      before: { name: revoked.name, revokedAt: null },
      after: { name: revoked.name, revokedAt: revoked.revokedAt },
      reason: input.reason || null,
    });
    return revoked;
  });
}
