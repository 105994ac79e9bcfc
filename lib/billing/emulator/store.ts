import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { stripeEmulatorObjects as objects } from "@/db/schema";
import { resourceMissing } from "./errors";
import type { ObjectName, ObjectTypes } from "./types";

type Row = { id: string; object: string; created?: number };

export type ListQuery = {
  /** jsonb containment: `{ customer: "cus_…" }` matches objects whose data contains it. */
  contains?: Record<string, unknown>;
  where?: SQL;
  limit?: number;
  startingAfter?: string;
  endingBefore?: string;
};

/**
 * Stripe objects as rows of `stripe_emulator_objects`, one row per object, its JSON in `data`.
 * Constructed on a transaction for writes and on the database for reads.
 */
export class ObjectStore {
  constructor(private readonly db: Db | Tx) {}

  async find<K extends ObjectName>(object: K, id: string): Promise<ObjectTypes[K] | null> {
    const [row] = await this.db
      .select({ data: objects.data })
      .from(objects)
      .where(and(eq(objects.id, id), eq(objects.object, object)));
    return row ? (row.data as ObjectTypes[K]) : null;
  }

  async getOrThrow<K extends ObjectName>(object: K, id: string, param = "id"): Promise<ObjectTypes[K]> {
    const found = await this.find(object, id);
    if (!found) throw resourceMissing(object, id, param);
    return found;
  }

  /** Any object by id, whatever its type (expansion follows ids without knowing their type). */
  async findAny(id: string): Promise<Row | null> {
    const [row] = await this.db.select({ data: objects.data }).from(objects).where(eq(objects.id, id));
    return row ? (row.data as Row) : null;
  }

  /** Internal rows (`emulator.*`) that are not Stripe objects: state, deliveries, idempotency. */
  async findInternal<T>(id: string): Promise<T | null> {
    const [row] = await this.db.select({ data: objects.data }).from(objects).where(eq(objects.id, id));
    return row ? (row.data as T) : null;
  }

  async put(object: Row & { object: string }, created: number): Promise<void> {
    await this.putRaw(object.id, object.object, object, object.created ?? created);
  }

  async putRaw(id: string, object: string, data: unknown, created: number): Promise<void> {
    await this.db
      .insert(objects)
      .values({ id, object, data, created })
      .onConflictDoUpdate({ target: objects.id, set: { data, updatedAt: new Date() } });
  }

  async insertIfAbsent(id: string, object: string, data: unknown, created: number): Promise<void> {
    await this.db.insert(objects).values({ id, object, data, created }).onConflictDoNothing({ target: objects.id });
  }

  /** Newest first, ties broken by id (ids carry a creation sequence), paginated like Stripe. */
  async list<K extends ObjectName>(object: K, query: ListQuery = {}): Promise<{ data: ObjectTypes[K][]; hasMore: boolean }> {
    const limit = Math.min(Math.max(query.limit ?? 10, 1), 100);
    const conditions: SQL[] = [eq(objects.object, object)];
    if (query.contains) conditions.push(sql`${objects.data} @> ${JSON.stringify(query.contains)}::jsonb`);
    if (query.where) conditions.push(query.where);
    const cursorId = query.startingAfter ?? query.endingBefore;
    const backwards = !query.startingAfter && !!query.endingBefore;
    if (cursorId) {
      const [cursor] = await this.db.select({ created: objects.created }).from(objects).where(eq(objects.id, cursorId));
      if (!cursor) throw resourceMissing(object, cursorId, query.startingAfter ? "starting_after" : "ending_before");
      conditions.push(
        backwards
          ? sql`(${objects.created}, ${objects.id} collate "C") > (${cursor.created}, ${cursorId} collate "C")`
          : sql`(${objects.created}, ${objects.id} collate "C") < (${cursor.created}, ${cursorId} collate "C")`,
      );
    }
    const order = backwards
      ? [sql`${objects.created} asc`, sql`${objects.id} collate "C" asc`]
      : [sql`${objects.created} desc`, sql`${objects.id} collate "C" desc`];
    const rows = await this.db
      .select({ data: objects.data })
      .from(objects)
      .where(and(...conditions))
      .orderBy(...order)
      .limit(limit + 1);
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit).map((r) => r.data as ObjectTypes[K]);
    return { data: backwards ? page.reverse() : page, hasMore };
  }

  /** Every object of a type matching a filter, oldest first (for the clock's scans). */
  async all<K extends ObjectName>(object: K, contains?: Record<string, unknown>): Promise<ObjectTypes[K][]> {
    const conditions: SQL[] = [eq(objects.object, object)];
    if (contains) conditions.push(sql`${objects.data} @> ${JSON.stringify(contains)}::jsonb`);
    const rows = await this.db
      .select({ data: objects.data })
      .from(objects)
      .where(and(...conditions))
      .orderBy(sql`${objects.created} asc`, sql`${objects.id} collate "C" asc`);
    return rows.map((r) => r.data as ObjectTypes[K]);
  }

  /** Internal rows of one kind matching a filter, in id order. */
  async allInternal<T>(object: string, contains?: Record<string, unknown>): Promise<T[]> {
    const conditions: SQL[] = [eq(objects.object, object)];
    if (contains) conditions.push(sql`${objects.data} @> ${JSON.stringify(contains)}::jsonb`);
    const rows = await this.db
      .select({ data: objects.data })
      .from(objects)
      .where(and(...conditions))
      .orderBy(sql`${objects.id} collate "C" asc`);
    return rows.map((r) => r.data as T);
  }

  /** Locks one row for the rest of the transaction (the emulator state row serialises writers). */
  async lock<T>(id: string): Promise<T | null> {
    const [row] = await this.db.select({ data: objects.data }).from(objects).where(eq(objects.id, id)).for("update");
    return row ? (row.data as T) : null;
  }
}
