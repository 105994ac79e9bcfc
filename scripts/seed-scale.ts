import { createDatabase } from "@/db/client";
import { parseSeedScaleArgs, SeedScaleRefused } from "@/lib/seed-scale/options";
import { seedScale } from "@/lib/seed-scale/seed-scale";

/**
 * npm run seed:scale -- --members 1000000 [--url postgresql://…] [--seed 1] [--now 2026-01-31T00:00:00Z] [--batch 2500] [--triggers] [--yes]
 * Migrates the database, runs the regular seed, then generates the members (lib/seed-scale).
 * --triggers keeps the ledger's row triggers on for every batch (slower; the default on a superuser's
 * connection checks each batch set-based and verifies foreign keys at the end — lib/seed-scale/tables.ts).
 */
async function main() {
  const args = parseSeedScaleArgs(process.argv.slice(2));
  const database = await createDatabase({ driver: "pg", url: args.url, max: 1 });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  const result = await seedScale({ url: args.url, members: args.members, seed: args.seed, now: args.now ?? undefined, batch: args.batch, yes: args.yes, checks: args.triggers ? "triggers" : undefined, log: (line) => console.info(line) });
  const width = Math.max(...Object.keys(result.rows).map((k) => k.length));
  for (const [table, n] of Object.entries(result.rows)) console.info(`  ${table.padEnd(width)}  ${n.toLocaleString("en-US").padStart(12)}`);
}

main().catch((error) => {
  console.error(error instanceof SeedScaleRefused ? `[seed:scale] ${error.message}` : error);
  process.exit(1);
});
