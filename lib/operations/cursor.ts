import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/**
 * Keyset pagination for lists ordered newest first by (timestamp, id). The cursor carries the last
 * row's time in microseconds — Postgres keeps microseconds and a JavaScript Date only milliseconds,
 * so a Date cursor would skip rows written in the same millisecond — and its id. It travels in the
 * URL as opaque base64url JSON.
 */
export type Cursor = { micros: string; id: string };

const MICROS = /^\d{1,20}$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.micros, cursor.id]), "utf8").toString("base64url");
}

/** Null for anything that is not a cursor this code wrote (a hand-edited URL shows the first page). */
export function decodeCursor(value: string | undefined | null): Cursor | null {
  if (!value || value.length > 400 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [micros, id] = parsed;
    if (typeof micros !== "string" || !MICROS.test(micros) || typeof id !== "string" || id.length === 0 || id.length > 255) return null;
    return { micros, id };
  } catch {
    return null;
  }
}

/** The column's time as microseconds since the epoch, as text (exact: extract() is numeric). */
export function microsOf(column: SQLWrapper): SQL<string> {
  return sql<string>`(extract(epoch from ${column}) * 1000000)::bigint::text`.mapWith(String);
}

/**
 * Rows strictly after the cursor in "newest first" order: (at, id) < (cursor). Ids compare in the
 * "C" collation so the database and JavaScript (which merges lists) agree on ties.
 */
export function beforeCursor(at: SQLWrapper, id: SQLWrapper, cursor: Cursor): SQL {
  return sql`(${at}, ${id}::text collate "C") < (timestamptz 'epoch' + ${cursor.micros}::bigint * interval '1 microsecond', ${cursor.id}::text collate "C")`;
}

/** ORDER BY for "newest first" that matches beforeCursor. */
export function newestFirst(at: SQLWrapper, id: SQLWrapper): SQL[] {
  return [sql`${at} desc`, sql`${id}::text collate "C" desc`];
}

/** JavaScript's side of the same order, for merging two lists: negative when a comes first. */
export function compareNewestFirst(a: Cursor, b: Cursor): number {
  const at = BigInt(b.micros) - BigInt(a.micros);
  if (at !== 0n) return at > 0n ? 1 : -1;
  return a.id === b.id ? 0 : a.id > b.id ? -1 : 1;
}
