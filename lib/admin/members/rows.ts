import "server-only";
import { sql, type SQL } from "drizzle-orm";

/** Rows of tx.execute(): node-postgres and Neon return { rows }, PGlite returns { rows } too. */
export const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];

/** Drivers return timestamptz as Date or as text; both read back the same instant. */
export const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
export const asDateOrNull = (value: Date | string | null): Date | null => (value === null ? null : asDate(value));

/**
 * A timestamp to the microsecond as text ("2026-01-31T09:15:02.123456Z"). Keyset cursors use it:
 * a JavaScript Date keeps milliseconds only, and a cursor rounded to them would skip or repeat rows
 * created within the same millisecond.
 */
export const microsKey = (column: SQL) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** LIKE wildcards in what a person typed match themselves (the default escape is a backslash). */
export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (m) => `\\${m}`);

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
