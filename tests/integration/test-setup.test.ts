import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { settings } from "@/db/schema";
import { adminUrl, connectClient, getTestDatabaseUrl, truncateAll } from "../support/database";
import { assertLocalDatabaseUrl, isLocalDatabaseUrl } from "../support/local-database";

describe("test database guard (STYLE rule 12)", () => {
  it.each([
    "postgresql://postgres@127.0.0.1:5432/cairn_w1",
    "postgres://app:pw@localhost/cairn",
    "postgresql://postgres@[::1]:5432/cairn",
    "postgresql:///cairn",
    "postgresql://postgres@/cairn?host=/tmp/cairn-pg-x/sock",
  ])("accepts the local %s", (url) => {
    expect(isLocalDatabaseUrl(url)).toBe(true);
  });

  it.each([
    "postgresql://app:pw@ep-cool-river-123456.us-east-2.aws.neon.tech/cairn",
    "postgres://app:pw@db.example.com:5432/cairn",
    "postgres://app:pw@localhost.example.com/cairn",
    "postgres://app:pw@10.0.0.5/cairn",
    "postgresql://postgres@localhost/cairn?host=db.example.com",
    "mysql://root@localhost/cairn",
    "not a url",
  ])("refuses %s", (url) => {
    expect(isLocalDatabaseUrl(url)).toBe(false);
  });

  it("names the refused database without its password", () => {
    expect(() => assertLocalDatabaseUrl("postgres://app:secret@db.example.com/cairn")).toThrow(/non-local database \(postgres:\/\/\*\*\*@db\.example\.com\/cairn\)/);
  });
});

describe("the worker's database", () => {
  it("is this worker's own copy, reached by the app's db", async () => {
    expect(getTestDatabaseUrl()).toMatch(/\/cairn_w\d+$/);
    const client = await connectClient();
    try {
      const { rows } = await client.query<{ name: string }>("select current_database() as name");
      expect(getTestDatabaseUrl()).toContain(`/${rows[0].name}`);
    } finally {
      await client.end();
    }
  });

  it("is migrated, and truncateAll empties app tables but keeps the migration journal", async () => {
    await db.insert(settings).values({ key: "test:setup", value: { ok: true } });
    expect((await db.select({ n: count() }).from(settings))[0].n).toBeGreaterThan(0);

    await truncateAll();

    expect((await db.select({ n: count() }).from(settings))[0].n).toBe(0);
    const client = await connectClient();
    try {
      const { rows } = await client.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it("the template refuses connections, so copies of it never wait on a session", async () => {
    await expect(connectClient(adminUrl("cairn_template"))).rejects.toThrow(/not currently accepting connections/);
  });
});
