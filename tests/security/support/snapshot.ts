import { PGlite } from "@electric-sql/pglite";

/**
 * A checksum of every row of every table in an embedded (PGlite) database, read while no server
 * holds it: PGlite is single-process, so the security tier stops `next start` before it looks.
 * Rows are compared as multisets of md5(row::text), so a diff can name the rows that changed.
 */

export type TableSnapshot = { count: number; checksum: string; rows: Map<string, { n: number; text: string }> };
export type Snapshot = Map<string, TableSnapshot>;

export async function snapshotDatabase(dir: string): Promise<Snapshot> {
  const client = new PGlite(dir);
  try {
    await client.waitReady;
    const { rows: tables } = await client.query<{ name: string }>(
      `select format('%I.%I', schemaname, tablename) as name from pg_tables
       where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
    );
    const snapshot: Snapshot = new Map();
    for (const { name } of tables) {
      const { rows } = await client.query<{ h: string; t: string }>(`select md5(r::text) as h, r::text as t from ${name} r order by 1`);
      const byHash = new Map<string, { n: number; text: string }>();
      for (const row of rows) {
        const seen = byHash.get(row.h);
        if (seen) seen.n++;
        else byHash.set(row.h, { n: 1, text: row.t });
      }
      const { rows: sum } = await client.query<{ checksum: string | null }>(`select md5(string_agg(md5(r::text), '' order by md5(r::text))) as checksum from ${name} r`);
      snapshot.set(name, { count: rows.length, checksum: sum[0].checksum ?? "empty", rows: byHash });
    }
    return snapshot;
  } finally {
    await client.close();
  }
}

export type TableChange = { table: string; added: string[]; removed: string[] };

/** The tables whose rows differ, with the rows added and removed (each row as Postgres prints it). */
export function diffSnapshots(before: Snapshot, after: Snapshot, options: { ignore?: readonly string[] } = {}): TableChange[] {
  const changes: TableChange[] = [];
  const names = new Set([...before.keys(), ...after.keys()]);
  for (const table of [...names].sort()) {
    if (options.ignore?.includes(table)) continue;
    const a = before.get(table);
    const b = after.get(table);
    if (a && b && a.checksum === b.checksum) continue;
    const added: string[] = [];
    const removed: string[] = [];
    for (const [hash, row] of b?.rows ?? []) {
      const extra = row.n - (a?.rows.get(hash)?.n ?? 0);
      for (let i = 0; i < extra; i++) added.push(row.text);
    }
    for (const [hash, row] of a?.rows ?? []) {
      const missing = row.n - (b?.rows.get(hash)?.n ?? 0);
      for (let i = 0; i < missing; i++) removed.push(row.text);
    }
    changes.push({ table, added, removed });
  }
  return changes;
}

/** For an assertion message: at most a few rows per table, each cut to a readable length. */
export function describeChanges(changes: TableChange[], rowsPerTable = 3): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…` : s);
  return changes
    .map(({ table, added, removed }) =>
      [
        `${table}: ${added.length} row(s) added, ${removed.length} removed`,
        ...added.slice(0, rowsPerTable).map((r) => `  + ${cut(r)}`),
        ...removed.slice(0, rowsPerTable).map((r) => `  - ${cut(r)}`),
      ].join("\n"),
    )
    .join("\n");
}
