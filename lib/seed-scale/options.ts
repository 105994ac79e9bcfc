import { parseArgs } from "node:util";
import { isLocalDatabaseUrl } from "@/tests/support/local-database";

/** `npm run seed:scale -- --members 1000000 [--url postgres://…] [--seed 1] [--now ISO] [--batch 2500] [--triggers] [--yes]` */
export type SeedScaleArgs = { members: number; url: string; seed: number; now: Date | null; batch: number; yes: boolean; triggers: boolean };

export class SeedScaleRefused extends Error {}

const wholeNumber = (name: string, value: string | undefined, fallback: number, min: number, max: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/[_,]/g, ""));
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new SeedScaleRefused(`--${name} must be a whole number from ${min} to ${max}, got ${value}`);
  return n;
};

export function parseSeedScaleArgs(argv: string[], env: Record<string, string | undefined> = process.env): SeedScaleArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      members: { type: "string" },
      url: { type: "string" },
      seed: { type: "string" },
      now: { type: "string" },
      batch: { type: "string" },
      yes: { type: "boolean", default: false },
      triggers: { type: "boolean", default: false },
    },
    strict: true,
  });
  const now = values.now ? new Date(values.now) : null;
  if (now && Number.isNaN(now.getTime())) throw new SeedScaleRefused(`--now must be a date such as 2026-01-31T00:00:00Z, got ${values.now}`);
  const url = values.url ?? env.DATABASE_URL ?? "";
  const args = {
    members: wholeNumber("members", values.members, 10_000, 1, 10_000_000),
    url,
    seed: wholeNumber("seed", values.seed, 1, 0, 2 ** 31 - 1),
    now,
    batch: wholeNumber("batch", values.batch, 2_500, 50, 100_000),
    yes: values.yes ?? false,
    triggers: values.triggers ?? false,
  };
  assertSeedTarget(args.url, { yes: args.yes, driver: env.DATABASE_DRIVER });
  return args;
}

/**
 * Where the scale seed may write: a PostgreSQL server (PGlite runs one statement at a time and
 * would take hours), on this machine unless the operator says --yes — a million invented members
 * must not land in a shared or production database by a stray DATABASE_URL.
 */
export function assertSeedTarget(url: string, options: { yes?: boolean; driver?: string } = {}): void {
  if (options.driver === "pglite" || !url) {
    throw new SeedScaleRefused("seed:scale needs a PostgreSQL server, not the embedded PGlite: pass --url postgresql://… or set DATABASE_URL.");
  }
  if (!/^postgres(ql)?:\/\//.test(url)) throw new SeedScaleRefused("--url must be a postgres:// or postgresql:// URL.");
  if (!options.yes && !isLocalDatabaseUrl(url)) {
    const redacted = url.replace(/\/\/[^@/]*@/, "//***@");
    throw new SeedScaleRefused(`Refusing to seed ${redacted}: it is not on this machine. Pass --yes if you really mean to fill it with generated members.`);
  }
}
