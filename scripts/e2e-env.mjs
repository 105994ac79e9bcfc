// The environment of the zero-key embedded mode, shared by scripts/e2e-server.mjs (next start)
// and scripts/test.mjs (next build): every integration falls back to its embedded default,
// whatever the shell exports.
const STRIPPED = /^(DATABASE_|STRIPE_|RESEND_)|^(CRON_SECRET|AUTH_SECRET|NODE_ENV|PORT)$/;

/** @param {NodeJS.ProcessEnv} source */
export function zeroKeyEnv(source = process.env) {
  const env = { ...source, NEXT_TELEMETRY_DISABLED: "1" };
  for (const key of Object.keys(env)) if (STRIPPED.test(key)) delete env[key];
  return env;
}
