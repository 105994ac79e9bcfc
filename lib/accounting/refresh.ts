import "server-only";
import { sql } from "drizzle-orm";
import { db, type Db } from "@/db";
import { accountingEntryDays, accountingExpiry, accountingLotClosings, accountingState } from "@/db/schema";
import { entryDaySums, lotClosingSums, openLotsByExpiryMonth, queryRows, type OpenLotRow } from "./sources";

export type AccountingRefresh = {
  /** Entries summed into the daily rollup by this run, and the watermark after it. */
  entriesAdded: number;
  entriesThrough: number;
  /** False when the watermark could not be read (ledger writes held the lock too long): the report stays exact, reading more entries live. */
  watermarkRead: boolean;
  lotClosingDays: number;
  expiryMonths: number;
  asOf: string;
};

const errorCode = (error: unknown) => (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;

/**
 * The highest entry id below which every entry has committed and none can still appear. LOCK … IN
 * SHARE MODE conflicts with the ROW EXCLUSIVE lock every insert holds until its transaction ends:
 * it waits for the transactions writing entries to finish and holds new ones back for the moment
 * it takes to read max(id). Entries written after it get larger ids from the sequence. Returns null
 * if the lock is not granted within 5 s (or a deadlock is broken against us); the next run tries again.
 */
async function safeWatermark(conn: Db): Promise<number | null> {
  try {
    return await conn.transaction(async (tx) => {
      await tx.execute(sql`set local lock_timeout = '5s'`);
      await tx.execute(sql`lock table point_entries in share mode`);
      const [row] = await queryRows<{ id: string | number }>(tx, sql`select coalesce(max(id), 0) as id from point_entries`);
      return Number(row.id);
    });
  } catch (error) {
    const code = errorCode(error);
    if (code !== "55P03" && code !== "40P01") throw error;
    console.warn(`[accounting] the entry watermark stays where it was (${code}): the report reads the newer entries live until the next refresh`);
    return null;
  }
}

/**
 * Brings the accounting rollups up to date (the nightly job; the analytics bench calls it after
 * seeding). Journal sums are incremental — only entries past the watermark are read — and exact:
 * the report adds the entries past the watermark live. The lot rollups (breakage, expiry schedule)
 * describe `now` and are rebuilt whole: lots change in place, so there is nothing to add to.
 * Concurrent runs serialise on the state row.
 */
export async function refreshAccounting(conn: Db = db, now: Date = new Date()): Promise<AccountingRefresh> {
  const target = await safeWatermark(conn);
  return conn.transaction(async (tx) => {
    await tx.insert(accountingState).values({ id: 1 }).onConflictDoNothing();
    const [state] = await queryRows<{ entries_through: string | number }>(tx, sql`select entries_through from ${accountingState} where id = 1 for update`);
    let through = Number(state.entries_through);
    let entriesAdded = 0;

    if (target !== null && target < through) {
      // The journal was emptied and restarted (a test database, a restore): start the sums again.
      await tx.delete(accountingEntryDays);
      through = 0;
    }
    if (target !== null && target > through) {
      const [added] = await queryRows<{ entries: string | null }>(
        tx,
        sql`
          with delta as (${entryDaySums(through, target)}),
          upserted as (
            insert into ${accountingEntryDays} (day, account, increase, decrease, entries)
            select day, account, increase, decrease, entries from delta
            on conflict (day, account) do update set
              increase = ${accountingEntryDays.increase} + excluded.increase,
              decrease = ${accountingEntryDays.decrease} + excluded.decrease,
              entries = ${accountingEntryDays.entries} + excluded.entries
          )
          select sum(entries)::bigint as entries from delta`,
      );
      entriesAdded = Number(added?.entries ?? 0);
      through = target;
    }

    await tx.delete(accountingLotClosings);
    const closings = await queryRows<{ n: string | number }>(
      tx,
      sql`with inserted as (insert into ${accountingLotClosings} (day, lots, expired, redeemed) select day, lots, expired, redeemed from (${lotClosingSums}) c returning 1) select count(*) as n from inserted`,
    );

    await tx.delete(accountingExpiry);
    const open = await queryRows<OpenLotRow>(tx, openLotsByExpiryMonth(now));
    const dated = open.filter((row) => row.month !== null);
    if (dated.length) {
      await tx.insert(accountingExpiry).values(dated.map((row) => ({ month: row.month!, state: row.state, points: Number(row.points), lots: Number(row.lots) })));
    }
    const never = (state: OpenLotRow["state"]) => Number(open.find((row) => row.month === null && row.state === state)?.points ?? 0);

    await tx
      .update(accountingState)
      .set({ entriesThrough: through, lotsAsOf: now, neverExpiringAvailable: never("available"), neverExpiringPending: never("pending"), refreshedAt: new Date() })
      .where(sql`${accountingState.id} = 1`);

    return {
      entriesAdded,
      entriesThrough: through,
      watermarkRead: target !== null,
      lotClosingDays: Number(closings[0]?.n ?? 0),
      expiryMonths: new Set(dated.map((row) => row.month)).size,
      asOf: now.toISOString(),
    };
  });
}
