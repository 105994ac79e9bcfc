import type pg from "pg";

export type ForeignKeyViolation = { constraint: string; table: string; rows: number };

/**
 * Every foreign key of the public schema, checked over the whole database with one anti-join each:
 * the rows whose reference points nowhere. Used after a set-based scale seed (whose batches skip the
 * row-by-row checks) and by the seed's integration test.
 */
export async function verifyForeignKeys(client: pg.Client, tables?: string[]): Promise<ForeignKeyViolation[]> {
  const { rows: keys } = await client.query<{ name: string; child: string; parent: string; child_cols: string[]; parent_cols: string[] }>(
    `select c.conname as name, c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
            array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as child_cols,
            array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as parent_cols
     from pg_constraint c join pg_namespace n on n.oid = c.connamespace
     where c.contype = 'f' and n.nspname = 'public' order by 2, 1`,
  );
  const violations: ForeignKeyViolation[] = [];
  for (const key of keys) {
    if (tables && !tables.includes(key.child)) continue;
    const id = (name: string) => client.escapeIdentifier(name);
    const notNull = key.child_cols.map((c) => `c.${id(c)} is not null`).join(" and ");
    const match = key.child_cols.map((c, i) => `p.${id(key.parent_cols[i])} = c.${id(c)}`).join(" and ");
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from ${key.child} c where ${notNull} and not exists (select 1 from ${key.parent} p where ${match})`);
    const n = Number(rows[0].n);
    if (n) violations.push({ constraint: key.name, table: key.child, rows: n });
  }
  return violations;
}
