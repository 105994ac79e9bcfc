import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { earningRules, integrations, orders, pointPostings } from "@/db/schema";
import { DEFAULT_EARNING_RULES } from "@/db/seed-program";
import { ImportFileError, importOrdersCsv } from "@/lib/orders/import-orders";
import { createIntegration } from "@/lib/orders/integrations";

const uid = () => crypto.randomUUID().slice(0, 8);
const HEADER = "external_id,email,currency,total_cents,qualifying_cents,placed_at";

let integrationId: string;

const totals = async () => ({
  orders: (await db.select({ n: count() }).from(orders))[0].n,
  postings: (await db.select({ n: count() }).from(pointPostings))[0].n,
});

beforeAll(async () => {
  await db.insert(earningRules).values(DEFAULT_EARNING_RULES);
  integrationId = (await createIntegration({ name: "Old shop export", actorId: null })).integration.id;
});

describe("importOrdersCsv", () => {
  it("imports each line through the order ingestion, reporting created, duplicate and errors by line and column", async () => {
    const p = uid();
    const csv = [
      HEADER,
      `${p}-1,ada-${p}@example.com,USD,10000,10000,2026-01-15T10:00:00Z`,
      `${p}-2,"Grace ${p} <grace-${p}@example.com>",USD,100,100,2026-01-16`,
      `${p}-3,grace-${p}@example.com,usd,2500,2000,2026-01-16`,
      "",
      `${p}-4,bob-${p}@example.com,EUR,100,100,2026-01-16`,
      `${p}-5,bob-${p}@example.com,USD,-1,0,2026-01-16`,
      `${p}-6,bob-${p}@example.com,USD,100,200,2026-01-16`,
      `${p}-7,bob-${p}@example.com,USD,1O0,100,2026-01-16`,
      `${p}-8,bob-${p}@example.com,USD,100,100,yesterday`,
      `${p}-1,ada-${p}@example.com,USD,10000,10000,2026-01-15T10:00:00Z`,
    ].join("\n");
    const report = await importOrdersCsv(integrationId, csv);
    expect(report).toMatchObject({ created: 2, duplicate: 1, errors: 6 });
    expect(report.lines).toEqual([
      { line: 2, status: "created", externalId: `${p}-1`, points: 500 },
      { line: 3, status: "error", externalId: `${p}-2`, field: "email", error: expect.any(String) },
      { line: 4, status: "created", externalId: `${p}-3`, points: 100 },
      { line: 6, status: "error", externalId: `${p}-4`, field: "currency", error: expect.stringContaining("USD") },
      { line: 7, status: "error", externalId: `${p}-5`, field: "total_cents", error: expect.any(String) },
      { line: 8, status: "error", externalId: `${p}-6`, field: "qualifying_cents", error: expect.any(String) },
      { line: 9, status: "error", externalId: `${p}-7`, field: "total_cents", error: expect.any(String) },
      { line: 10, status: "error", externalId: `${p}-8`, field: "placed_at", error: expect.any(String) },
      { line: 11, status: "duplicate", externalId: `${p}-1`, points: 500 },
    ]);
    const [order] = await db.select().from(orders).where(eq(orders.externalId, `${p}-1`));
    expect(order.placedAt.toISOString()).toBe("2026-01-15T10:00:00.000Z");

    // the same file again posts nothing
    const before = await totals();
    const again = await importOrdersCsv(integrationId, csv);
    expect(again).toMatchObject({ created: 0, duplicate: 3, errors: 6 });
    expect(await totals()).toEqual(before);
  });

  it("reads the columns in any order", async () => {
    const p = uid();
    const report = await importOrdersCsv(integrationId, `placed_at,total_cents,qualifying_cents,currency,email,external_id,note\r\n2026-02-01,2000,2000,USD,x-${p}@example.com,${p},"hello, world"\r\n`);
    expect(report.lines).toEqual([{ line: 2, status: "created", externalId: p, points: 100 }]);
  });

  it.each([
    ["a missing column", "external_id,email,currency,total_cents,placed_at\n1,a@example.com,USD,100,2026-01-01", /qualifying_cents/],
    ["an empty file", "", /empty/],
    ["an unclosed quote", `${HEADER}\n1,"a@example.com,USD,100,100,2026-01-01`, /quoted/],
  ])("refuses %s as a whole, importing nothing", async (_name, csv, message) => {
    const before = await totals();
    await expect(importOrdersCsv(integrationId, csv)).rejects.toThrow(message);
    expect(await totals()).toEqual(before);
  });

  it("refuses an unknown or revoked integration", async () => {
    await expect(importOrdersCsv(crypto.randomUUID(), `${HEADER}\n`)).rejects.toBeInstanceOf(ImportFileError);
    const { integration } = await createIntegration({ name: "Gone", actorId: null });
    await db.update(integrations).set({ revokedAt: new Date() }).where(eq(integrations.id, integration.id));
    await expect(importOrdersCsv(integration.id, `${HEADER}\n`)).rejects.toThrow(/revoked/);
  });
});

describe("npm run orders:import", () => {
  it("imports a file and reports each line; a re-run reports duplicates", async () => {
    const p = uid();
    const dir = mkdtempSync(path.join(tmpdir(), "cairn-import-"));
    const file = path.join(dir, "orders.csv");
    writeFileSync(file, [HEADER, `${p}-a,cli-${p}@example.com,USD,4000,4000,2026-03-01`, `${p}-b,cli-${p}@example.com,GBP,4000,4000,2026-03-01`].join("\n"));
    const run = () =>
      promisify(execFile)("npx", ["tsx", "--conditions=react-server", "scripts/orders-import.ts", file, "--integration", integrationId], { cwd: process.cwd(), env: process.env }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    const first = await run();
    expect(first.code).toBe(1); // one line failed
    expect(first.out).toMatch(new RegExp(`line 2 +created +${p}-a +200 points`));
    expect(first.out).toMatch(new RegExp(`line 3 +error +${p}-b +currency:`));
    expect(first.out).toContain("1 created, 0 duplicate, 1 with errors");
    const second = await run();
    expect(second.out).toContain("0 created, 1 duplicate, 1 with errors");
    expect(await db.select().from(orders).where(eq(orders.externalId, `${p}-a`))).toHaveLength(1);
  }, 60_000);
});
