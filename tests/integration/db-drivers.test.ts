import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database, type Db, type Driver } from "@/db/client";
import { settings } from "@/db/schema";
import { connectClient, getTestDatabaseUrl } from "../support/database";
import { startWsBridge, useNeonThroughBridge, type WsBridge } from "../support/ws-bridge";

/**
 * The ledger's transactions must behave the same on every driver the app ships with: node-postgres,
 * the production Neon serverless Pool (through a local WebSocket bridge) and embedded PGlite.
 */

let bridge: WsBridge;
let restoreNeon: () => void;
const open: Database[] = [];

beforeAll(async () => {
  bridge = await startWsBridge();
  restoreNeon = useNeonThroughBridge(bridge);
});

afterAll(async () => {
  await Promise.all(open.map((d) => d.close()));
  restoreNeon?.();
  await bridge?.close();
});

async function connect(driver: Driver): Promise<Database> {
  const database =
    driver === "pglite"
      ? await createDatabase({ driver, dir: "memory://" })
      : await createDatabase({ driver, url: getTestDatabaseUrl(), max: 8 });
  if (driver === "pglite") await database.migrate();
  open.push(database);
  return database;
}

type Counter = { n: number };

async function readCounter(db: Db, key: string): Promise<number> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return (row.value as Counter).n;
}

/** Read-lock-write: the shape of every balance change in the ledger. */
function incrementLocked(db: Db, key: string, pause = 0): Promise<void> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(settings).where(eq(settings.key, key)).for("update");
    const n = (row.value as Counter).n;
    if (pause) await sleep(pause);
    await tx.update(settings).set({ value: { n: n + 1 }, updatedAt: new Date() }).where(eq(settings.key, key));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Boom extends Error {}

describe.each<Driver>(["pg", "neon", "pglite"])("%s driver", (driver) => {
  let database: Database;
  const key = (name: string) => `test:${driver}:${name}`;

  beforeAll(async () => {
    database = await connect(driver);
  });

  it("reports its driver and reaches the migrated schema", async () => {
    expect(database.driver).toBe(driver);
    const { db } = database;
    await db.insert(settings).values({ key: key("ping"), value: { n: 0 } });
    expect(await readCounter(db, key("ping"))).toBe(0);
  });

  it("commits a transaction that locks, reads and updates a row", async () => {
    const { db } = database;
    await db.insert(settings).values({ key: key("commit"), value: { n: 41 } });
    await incrementLocked(db, key("commit"));
    expect(await readCounter(db, key("commit"))).toBe(42);
  });

  it("rolls the whole transaction back when its body throws", async () => {
    const { db } = database;
    await db.insert(settings).values({ key: key("rollback"), value: { n: 7 } });
    await expect(
      db.transaction(async (tx) => {
        await tx.select().from(settings).where(eq(settings.key, key("rollback"))).for("update");
        await tx.update(settings).set({ value: { n: 8 } }).where(eq(settings.key, key("rollback")));
        await tx.insert(settings).values({ key: key("rollback-extra"), value: { n: 1 } });
        throw new Boom("abort");
      }),
    ).rejects.toBeInstanceOf(Boom);
    expect(await readCounter(db, key("rollback"))).toBe(7);
    expect(await db.select().from(settings).where(eq(settings.key, key("rollback-extra")))).toEqual([]);
  });

  it("rolls back on a database error too, and the connection stays usable", async () => {
    const { db } = database;
    await db.insert(settings).values({ key: key("dberror"), value: { n: 1 } });
    await expect(
      db.transaction(async (tx) => {
        await tx.update(settings).set({ value: { n: 2 } }).where(eq(settings.key, key("dberror")));
        await tx.insert(settings).values({ key: key("dberror"), value: { n: 3 } }); // duplicate primary key
      }),
    ).rejects.toThrow();
    expect(await readCounter(db, key("dberror"))).toBe(1);
  });
});

// PGlite serves one query at a time, so it has no second connection to block (DESIGN "Tests, in tiers").
describe.each<Driver>(["pg", "neon"])("%s driver: row locks across connections", (driver) => {
  let database: Database;
  const key = (name: string) => `test:${driver}:locks:${name}`;

  beforeAll(async () => {
    database = await connect(driver);
  });

  it("SELECT … FOR UPDATE blocks a second connection until the first commits", async () => {
    const { db } = database;
    const k = key("blocking");
    await db.insert(settings).values({ key: k, value: { n: 0 } });

    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));

    const first = db.transaction(async (tx) => {
      await tx.select().from(settings).where(eq(settings.key, k)).for("update");
      locked();
      await released;
      await tx.update(settings).set({ value: { n: 1 } }).where(eq(settings.key, k));
    });
    await Promise.race([lockTaken, first]);

    let secondSaw: number | undefined;
    const second = db.transaction(async (tx) => {
      const [row] = await tx.select().from(settings).where(eq(settings.key, k)).for("update");
      secondSaw = (row.value as Counter).n;
    });

    // Wait until the server itself reports the second session waiting on the row lock.
    const observer = await connectClient();
    try {
      const dbName = new URL(getTestDatabaseUrl()).pathname.slice(1);
      const waiting = async () => (await observer.query<{ n: number }>(waitingOnLock, [dbName])).rows[0].n;
      await expect.poll(waiting, { timeout: 5000 }).toBe(1);
      expect(secondSaw).toBeUndefined();
    } finally {
      // Released even when an expectation fails, so no transaction is left holding a pool client.
      release();
      await observer.end();
    }
    await Promise.all([first, second]);
    expect(secondSaw).toBe(1);
  });

  it("concurrent locked increments lose no update", async () => {
    const { db } = database;
    const k = key("counter");
    await db.insert(settings).values({ key: k, value: { n: 0 } });
    // The pause widens the read-modify-write window; without the lock most increments would be lost.
    await Promise.all(Array.from({ length: 6 }, () => incrementLocked(db, k, 20)));
    expect(await readCounter(db, k)).toBe(6);
  });

  it("control: without the lock the same increments do lose updates", async () => {
    const { db } = database;
    const k = key("unlocked");
    await db.insert(settings).values({ key: k, value: { n: 0 } });
    // Both transactions read before either writes, so both write n = 1.
    let arrived = 0;
    let bothRead!: () => void;
    const barrier = new Promise<void>((resolve) => (bothRead = resolve));
    const unlocked = () =>
      db.transaction(async (tx) => {
        const [row] = await tx.select().from(settings).where(eq(settings.key, k));
        if (++arrived === 2) bothRead();
        await barrier;
        await tx.update(settings).set({ value: { n: (row.value as Counter).n + 1 } }).where(eq(settings.key, k));
      });
    await Promise.all([unlocked(), unlocked()]);
    expect(await readCounter(db, k)).toBe(1);
  });
});

describe("neon driver through the bridge", () => {
  it("really travels over the WebSocket bridge", async () => {
    const before = bridge.stats().total;
    const { db, driver } = await connect("neon");
    await db.select().from(settings).limit(1);
    expect(driver).toBe("neon");
    expect(bridge.stats().total).toBeGreaterThan(before);
  });
});

const waitingOnLock = `
  select count(*)::int as n from pg_stat_activity
  where datname = $1 and wait_event_type = 'Lock'`;
