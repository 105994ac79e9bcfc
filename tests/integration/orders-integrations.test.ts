import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { auditLog, earningRules, integrations, orders, users } from "@/db/schema";
import { DEFAULT_EARNING_RULES } from "@/db/seed-program";
import type { CurrentUser } from "@/lib/auth/guards";
import { hashSecret, signRequest } from "@/lib/orders/signature";
import { POST } from "@/app/api/v1/orders/route";

// The session is the action factory's input: each case decides who is calling.
let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => caller }));
// revalidatePath needs Next's request store; the tests call the actions directly.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));

const { createIntegrationAction, importOrdersAction, revokeIntegrationAction } = await import("@/lib/orders/actions");

let admin: CurrentUser;
let member: CurrentUser;

const audits = (action: string, entityId: string) => db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));
const integrationCount = async () => (await db.select({ n: count() }).from(integrations))[0].n;

function sendOrder(id: string, secret: string) {
  const body = JSON.stringify({ externalId: crypto.randomUUID(), email: "buyer@example.com", currency: "USD", totalCents: 1000, qualifyingCents: 1000, placedAt: new Date().toISOString() });
  return POST(new Request("http://localhost:3000/api/v1/orders", { method: "POST", headers: signRequest(secret, id, body), body }));
}

beforeAll(async () => {
  await db.insert(earningRules).values(DEFAULT_EARNING_RULES);
  const [a] = await db.insert(users).values({ email: "integrations-admin@example.com", name: "Admin", role: "admin" }).returning();
  const [m] = await db.insert(users).values({ email: "integrations-member@example.com", name: "Member" }).returning();
  admin = { id: a.id, email: a.email, name: a.name, role: "admin" };
  member = { id: m.id, email: m.email, name: m.name, role: "member" };
});

describe("integrations admin", () => {
  it("creates an integration whose secret is shown once and stored as its hash and prefix, audited", async () => {
    caller = admin;
    const form = new FormData();
    form.set("name", "  Online store ");
    const result = await createIntegrationAction(null, form);
    if (!result.ok) throw new Error(result.error);
    const { id, secret, name } = result.data;
    expect(name).toBe("Online store");
    expect(secret).toMatch(/^cairn_sk_[A-Za-z0-9_-]{64}$/);
    const [row] = await db.select().from(integrations).where(eq(integrations.id, id));
    expect(row).toMatchObject({ secretHash: hashSecret(secret), secretPrefix: secret.slice(0, 15), createdBy: admin.id, revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(secret);
    const [audit] = await audits("integration.created", id);
    expect(audit).toMatchObject({ actorId: admin.id, entityType: "integration" });
    expect(JSON.stringify(audit)).not.toContain(secret);
    // the secret works
    expect((await sendOrder(id, secret)).status).toBe(201);
  });

  it("revokes an integration: audited with the reason, and its next request is refused", async () => {
    caller = admin;
    const created = await createIntegrationAction({ name: "Pop-up till" });
    if (!created.ok) throw new Error(created.error);
    const result = await revokeIntegrationAction({ id: created.data.id, reason: "Pop-up closed" });
    expect(result).toMatchObject({ ok: true });
    const [audit] = await audits("integration.revoked", created.data.id);
    expect(audit).toMatchObject({ actorId: admin.id, reason: "Pop-up closed" });
    expect((await sendOrder(created.data.id, created.data.secret)).status).toBe(401);
    // twice is refused, and writes no second audit row
    expect(await revokeIntegrationAction({ id: created.data.id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await audits("integration.revoked", created.data.id)).toHaveLength(1);
  });

  it("refuses members and visitors, and a blank name", async () => {
    const before = await integrationCount();
    caller = member;
    expect(await createIntegrationAction({ name: "Sneaky" })).toMatchObject({ ok: false, code: "forbidden" });
    caller = null;
    expect(await createIntegrationAction({ name: "Sneaky" })).toMatchObject({ ok: false, code: "unauthenticated" });
    caller = admin;
    expect(await createIntegrationAction({ name: "   " })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { name: [expect.any(String)] } });
    expect(await integrationCount()).toBe(before);
  });

  it("imports an uploaded CSV through the order ingestion and reports each line", async () => {
    caller = admin;
    const created = await createIntegrationAction({ name: "Legacy shop" });
    if (!created.ok) throw new Error(created.error);
    const csv = "external_id,email,currency,total_cents,qualifying_cents,placed_at\nL-1,legacy@example.com,USD,5000,5000,2026-02-01\nL-2,legacy@example.com,USD,abc,5000,2026-02-01\n";
    const form = () => {
      const f = new FormData();
      f.set("integrationId", created.data.id);
      f.set("file", new File([csv], "orders.csv", { type: "text/csv" }));
      return f;
    };
    const result = await importOrdersAction(null, form());
    expect(result).toMatchObject({ ok: true, data: { created: 1, duplicate: 0, errors: 1 } });
    if (!result.ok) return;
    expect(result.data.lines[1]).toMatchObject({ line: 3, status: "error", field: "total_cents" });
    expect(await importOrdersAction(null, form())).toMatchObject({ ok: true, data: { created: 0, duplicate: 1, errors: 1 } });
    expect(await db.select().from(orders).where(eq(orders.integrationId, created.data.id))).toHaveLength(1);
    expect(await audits("orders.imported", created.data.id)).toHaveLength(2);

    caller = member;
    expect(await importOrdersAction(null, form())).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("refuses a file without the required columns, naming it", async () => {
    caller = admin;
    const created = await createIntegrationAction({ name: "Broken export" });
    if (!created.ok) throw new Error(created.error);
    const f = new FormData();
    f.set("integrationId", created.data.id);
    f.set("file", new File(["id,email\n1,a@example.com\n"], "orders.csv"));
    const result = await importOrdersAction(null, f);
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { file: [expect.stringContaining("qualifying_cents")] } });
  });
});
