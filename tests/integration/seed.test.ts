import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { settings, users } from "@/db/schema";
import { SEED_USERS, seed } from "@/db/seed";

describe("seed", () => {
  it("creates the demo admin and member, and a second run changes nothing", async () => {
    await seed(db);
    const second = await seed(db);
    expect(second.users).toBe(0);
    const [{ n }] = await db.select({ n: count() }).from(users);
    expect(n).toBeGreaterThanOrEqual(SEED_USERS.length);
    const [admin] = await db.select().from(users).where(eq(users.email, "admin@cairn.test"));
    expect(admin.role).toBe("admin");
    const [member] = await db.select().from(users).where(eq(users.email, "member@cairn.test"));
    expect(member.role).toBe("member");
    const [program] = await db.select().from(settings).where(eq(settings.key, "program"));
    expect(program.value).toMatchObject({ programName: "Cairn" });
  });
});
