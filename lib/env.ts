import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The environment, parsed once. Every optional integration falls back to its embedded default
 * with one log line; a malformed value stops the start with a message naming the variable.
 */

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

const emailList = z
  .string()
  .transform((s) => s.split(",").map((e) => e.trim().toLowerCase()).filter(Boolean))
  .pipe(z.array(z.email({ error: "must be a comma-separated list of email addresses" })));

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\/\S+$/, { error: "must be a postgres:// or postgresql:// URL" }),
  ),
  DATABASE_DRIVER: optional(z.enum(["neon", "pg", "pglite"])),
  PGLITE_DIR: z.preprocess(emptyToUndefined, z.string().default(".data/pglite")),
  STRIPE_SECRET_KEY: optional(z.string().regex(/^(sk|rk)_(test|live)_\w+$/, { error: "must start with sk_test_, sk_live_, rk_test_ or rk_live_" })),
  STRIPE_WEBHOOK_SECRET: optional(z.string().regex(/^whsec_\w+$/, { error: "must start with whsec_" })),
  RESEND_API_KEY: optional(z.string().regex(/^re_\w+$/, { error: "must start with re_" })),
  EMAIL_FROM: z.preprocess(emptyToUndefined, z.string().min(3).default("Cairn <hello@cairn.test>")),
  CRON_SECRET: optional(z.string().min(16, { error: "must be at least 16 characters" })),
  ADMIN_EMAILS: z.preprocess(emptyToUndefined, emailList.default([])),
  APP_URL: optional(z.url({ error: "must be an absolute URL such as https://loyalty.example.com" })),
  AUTH_URL: optional(z.url({ error: "must be an absolute URL such as https://loyalty.example.com/api/auth" })),
  AUTH_SECRET: optional(z.string().min(32, { error: "must be at least 32 characters (openssl rand -base64 32)" })),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
});

export type Env = z.infer<typeof envSchema> & {
  APP_URL: string;
  AUTH_SECRET: string;
  /** Which integrations run on their embedded default. */
  embedded: { database: boolean; billing: boolean; email: boolean; cron: boolean };
};

export class EnvError extends Error {
  constructor(issues: string[]) {
    super(`Invalid environment:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "EnvError";
  }
}

type Source = Record<string, string | undefined>;

/** Pure parse: used at start and by the tests. `log` receives the fallback lines. */
export function parseEnv(source: Source, log: (line: string) => void = () => {}): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "env"} ${i.message}`));
  }
  const e = result.data;
  const issues: string[] = [];
  if (e.STRIPE_SECRET_KEY && !e.STRIPE_WEBHOOK_SECRET) issues.push("STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set");
  if (e.DATABASE_DRIVER && e.DATABASE_DRIVER !== "pglite" && !e.DATABASE_URL) issues.push(`DATABASE_URL is required when DATABASE_DRIVER=${e.DATABASE_DRIVER}`);
  // A deployment against a real database must have a fixed secret: sessions and links are signed with it.
  const deployed = e.NODE_ENV === "production" && !!e.DATABASE_URL && source.NEXT_PHASE !== "phase-production-build";
  if (deployed && !e.AUTH_SECRET) issues.push("AUTH_SECRET is required in production (generate one with: openssl rand -base64 32)");
  // The embedded adapters are for one machine: a deployed site on them would let anyone read every
  // sign-in link at /dev/mailbox, or join a paid plan with a test card.
  if (deployed && !e.RESEND_API_KEY) issues.push("RESEND_API_KEY is required in production (without it sign-in links are readable by anyone at /dev/mailbox)");
  if (deployed && !e.CRON_SECRET) issues.push("CRON_SECRET is required in production (scheduled jobs would otherwise trust the Host header)");
  if (deployed && !e.STRIPE_SECRET_KEY) issues.push("STRIPE_SECRET_KEY is required in production (without it the Stripe emulator accepts test cards)");
  if (issues.length) throw new EnvError(issues);

  const embedded = {
    database: !e.DATABASE_URL || e.DATABASE_DRIVER === "pglite",
    billing: !e.STRIPE_SECRET_KEY,
    email: !e.RESEND_API_KEY,
    cron: !e.CRON_SECRET,
  };
  if (embedded.database) log(`[cairn] DATABASE_URL not set: using embedded PGlite at ${e.PGLITE_DIR}`);
  if (embedded.billing) log("[cairn] STRIPE_SECRET_KEY not set: using the in-process Stripe emulator (test mode)");
  if (embedded.email) log("[cairn] RESEND_API_KEY not set: emails go to the outbox, readable at /dev/mailbox");
  if (embedded.cron) log("[cairn] CRON_SECRET not set: /api/cron/* accepts only local calls");

  const appUrl = (e.APP_URL ?? e.AUTH_URL?.replace(/\/api\/auth\/?$/, "") ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  return { ...e, APP_URL: appUrl, AUTH_SECRET: e.AUTH_SECRET ?? localAuthSecret(e.PGLITE_DIR, log), embedded };
}

/** For local use only: a secret generated once into .data/ so sessions survive restarts. */
function localAuthSecret(pgliteDir: string, log: (line: string) => void): string {
  const dir = path.resolve(path.dirname(pgliteDir));
  const file = path.join(dir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  log(`[cairn] AUTH_SECRET not set: generated a local one in ${file}`);
  return secret;
}

const globalForEnv = globalThis as unknown as { cairnEnv?: Env };

/** The parsed environment (parsed on first use, then cached for the process). */
export function getEnv(): Env {
  globalForEnv.cairnEnv ??= parseEnv(process.env, (line) => console.info(line));
  return globalForEnv.cairnEnv;
}
