import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, users } from "@/db/schema";
import { promoteConfiguredAdmin } from "@/lib/auth/promote-configured-admin";
import { getEnv, parseEnv } from "@/lib/env";

const globalForEnv = globalThis as unknown as { cairnEnv?: ReturnType<typeof getEnv> };
const original = getEnv();
afterEach(() => {
  globalForEnv.cairnEnv = original;
});

async function newUser(email: string) {
  const [user] = await db.insert(users).values({ email }).returning();
  return user;
}

describe("ADMIN_EMAILS", () => {
  it("promotes a listed address on sign-in once, with an audit row", async () => {
    globalForEnv.cairnEnv = parseEnv({ ...process.env, AUTH_SECRET: original.AUTH_SECRET, ADMIN_EMAILS: "Boss@Example.com, other@example.com" });
    const user = await newUser("boss@example.com");
    await promoteConfiguredAdmin(user.id, "BOSS@example.com");
    await promoteConfiguredAdmin(user.id, "boss@example.com");
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(after.role).toBe("admin");
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "user.role_changed")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ before: { role: "member" }, after: { role: "admin" }, reason: "listed in ADMIN_EMAILS" });
  });

  it("leaves everyone else a member", async () => {
    globalForEnv.cairnEnv = parseEnv({ ...process.env, AUTH_SECRET: original.AUTH_SECRET, ADMIN_EMAILS: "boss@example.com" });
    const user = await newUser("worker@example.com");
    await promoteConfiguredAdmin(user.id, "worker@example.com");
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(after.role).toBe("member");
  });
});
