import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import { getEnv } from "@/lib/env";

/** Emails listed in ADMIN_EMAILS become admins when they sign in (audited). */
export async function promoteConfiguredAdmin(userId: string | undefined, email: string | null | undefined) {
  if (!userId || !email || !getEnv().ADMIN_EMAILS.includes(email.toLowerCase())) return;
  await db.transaction(async (tx) => {
    const promoted = await tx
      .update(users)
      .set({ role: "admin" })
      .where(and(eq(users.id, userId), ne(users.role, "admin")))
      .returning({ id: users.id });
    if (promoted.length) {
      await writeAudit(tx, {
        actorId: null,
        action: "user.role_changed",
        entityType: "user",
        entityId: userId,
        before: { role: "member" },
        after: { role: "admin" },
        reason: "listed in ADMIN_EMAILS",
      });
    }
  });
}
