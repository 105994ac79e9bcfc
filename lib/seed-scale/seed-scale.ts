import pg from "pg";
import { createDatabase } from "@/db/client";
import { seed as seedProgram } from "@/db/seed";
import { BLOCK, generateBatch } from "./generate";
import { assertSeedTarget, SeedScaleRefused } from "./options";
import { prepareProgram, SCALE_EMAIL_DOMAIN, type GeneratorState } from "./program";
import { writeBatch, type CheckMode } from "./tables";
import { verifyForeignKeys } from "./verify";

/**
 * `npm run seed:scale`: fills a migrated PostgreSQL database with a realistic program of `members`
 * members (and twice as many store-only customers) in batches: the rows of a batch are generated
 * in memory (generate.ts, with the ledger replayed by ledger-sim.ts) and written in one transaction
 * with one COPY per table (tables.ts), while the next batch is generated. Every row satisfies the
 * schema's constraints and the ledger's invariants; how that is checked per batch is tables.ts's
 * CheckMode. Deterministic for a seed and a `now` (row counts, balances, codes; serial ids follow
 * the order batches reach the server).
 */

export type SeedScaleOptions = {
  url: string;
  members: number;
  seed?: number;
  /** The end of the program's 24 months of history (default: now). */
  now?: Date;
  /** Members per transaction (rounded to whole blocks of 50). */
  batch?: number;
  /** Allow a database that is not on this machine. */
  yes?: boolean;
  /** Connections writing batches side by side (default 2). */
  writers?: number;
  /** How batches are checked (tables.ts CheckMode); default: set-based on a superuser's connection, else the row triggers. */
  checks?: CheckMode;
  log?: (line: string) => void;
};

export type SeedScaleResult = {
  members: number;
  seed: number;
  seconds: number;
  /** Rows written per table (by SQL name) by the scale seed; the regular seed's rows not included. */
  rows: Record<string, number>;
  totalRows: number;
};

const fmt = (n: number) => n.toLocaleString("en-US");

export async function seedScale(options: SeedScaleOptions): Promise<SeedScaleResult> {
  assertSeedTarget(options.url, { yes: options.yes });
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 1;
  const members = options.members;
  const started = performance.now();

  // The program the members join: plans, tiers, earning rules, settings, catalog (idempotent).
  const app = await createDatabase({ driver: "pg", url: options.url, max: 1 });
  try {
    await seedProgram(app.db);
  } finally {
    await app.close();
  }

  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  // Writers: batches are written side by side on their own connections (ids need no table lock).
  const writers = await Promise.all(
    Array.from({ length: Math.max(1, options.writers ?? 2) }, async () => {
      const writer = new pg.Client({ connectionString: options.url });
      await writer.connect();
      // The data is regenerable: don't wait for the WAL flush on each batch's commit.
      await writer.query("set synchronous_commit = off");
      return writer;
    }),
  );
  try {
    const { rows: existing } = await client.query("select 1 from users where email like $1 limit 1", [`%@${SCALE_EMAIL_DOMAIN}`]);
    if (existing.length) throw new SeedScaleRefused(`This database already holds a scale seed (users @${SCALE_EMAIL_DOMAIN}); the ledger is append-only, so seed a fresh database.`);

    const program = await prepareProgram(client, { seed, members, now: (options.now ?? new Date()).getTime() });
    const { rows: role } = await client.query<{ superuser: string }>("select current_setting('is_superuser') as superuser");
    const mode: CheckMode = options.checks ?? (role[0].superuser === "on" ? "set-based" : "triggers");
    const state: GeneratorState = { booked: new Map() };
    const blocksPerBatch = Math.max(1, Math.round((options.batch ?? 2_500) / BLOCK));
    const blocks = Math.ceil(members / BLOCK);
    const rows: Record<string, number> = {};
    let totalRows = 0;
    let writeSeconds = 0;
    let done = 0;
    let failure: unknown = null;
    log(`[seed:scale] ${fmt(members)} members, seed ${seed}, history ${new Date(program.start).toISOString().slice(0, 10)} → ${new Date(program.now).toISOString().slice(0, 10)}, checks: ${mode}`);

    // The next batch is generated here while the writers write the last ones.
    const inFlight = new Set<Promise<void>>();
    const idle = [...writers];
    for (let block = 0; block < blocks; block += blocksPerBatch) {
      const batch = await generateBatch(program, state, block, Math.min(blocks, block + blocksPerBatch));
      while (!idle.length) await Promise.race([...inFlight].map((w) => w.catch(() => {})));
      const writer = idle.pop()!;
      const batchMembers = Math.min(members, (block + blocksPerBatch) * BLOCK) - Math.min(members, block * BLOCK);
      const write = (async () => {
        const writeStarted = performance.now();
        await writeBatch(writer, batch.tables, batch.book, mode);
        writeSeconds += (performance.now() - writeStarted) / 1000;
        for (const table of Object.values(batch.tables)) {
          rows[table.name] = (rows[table.name] ?? 0) + table.size;
          totalRows += table.size;
        }
        done += batchMembers;
        const elapsed = (performance.now() - started) / 1000;
        const left = done < members ? `, ~${((elapsed / done) * (members - done)).toFixed(0)} s left` : "";
        log(`[seed:scale] ${fmt(done)}/${fmt(members)} members · ${fmt(totalRows)} rows · ${elapsed.toFixed(0)} s elapsed (${writeSeconds.toFixed(0)} s writing on ${writers.length} connections)${left}`);
      })().finally(() => {
        inFlight.delete(write);
        idle.push(writer);
      });
      inFlight.add(write);
      // a failed write stops the run at the next batch, not after generating all of them
      write.catch((error) => (failure ??= error));
      if (failure) break;
    }
    await Promise.allSettled(inFlight);
    if (failure) throw failure;

    // Seats taken, now that every booking of the run is known (the CHECK still guards capacity).
    const booked = [...state.booked.entries()];
    if (booked.length) {
      await client.query("update experience_sessions s set booked = b.n from unnest($1::uuid[], $2::int[]) as b(id, n) where s.id = b.id", [booked.map(([id]) => id), booked.map(([, n]) => n)]);
    }
    if (mode === "set-based") {
      // the batches skipped the row-by-row foreign key checks: prove them once over everything written
      const verifyStarted = performance.now();
      const broken = await verifyForeignKeys(client);
      if (broken.length) throw new Error(`scale seed bug: foreign keys broken: ${broken.map((b) => `${b.constraint} (${b.rows} rows)`).join(", ")}`);
      log(`[seed:scale] foreign keys verified in ${((performance.now() - verifyStarted) / 1000).toFixed(1)} s`);
    }
    const analyzeStarted = performance.now();
    await client.query("analyze");
    const seconds = (performance.now() - started) / 1000;
    log(`[seed:scale] done: ${fmt(members)} members, ${fmt(totalRows)} rows in ${seconds.toFixed(1)} s (analyze ${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s)`);
    return { members, seed, seconds, rows, totalRows };
  } finally {
    await Promise.all([client, ...writers].map((c) => c.end().catch(() => {})));
  }
}
