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

/**
 * Recognisable fake secrets that `npm test` builds with, so tests/security/client-bundle.test.ts
 * would find them if a server secret were ever inlined into what browsers download. Only secrets
 * whose presence changes nothing the build renders: every page is rendered by `next start` (per
 * request, or the visitor's static copies at their first request, decision 0012) and reads the
 * runtime environment, which it gets from zeroKeyEnv() without them. (A fake DATABASE_URL or
 * STRIPE_SECRET_KEY would make the build's page probes try to reach them.)
 */
export const BUILD_CANARIES = {
  AUTH_SECRET: "canaryAuthSecret0000000000000000000000000000000",
  CRON_SECRET: "canaryCronSecret00000000000000000",
  STRIPE_WEBHOOK_SECRET: "whsec_canaryWebhookSecret000000000000000",
  RESEND_API_KEY: "re_canaryResendKey00000000000000000",
};

/** The build's environment in `npm test`: zero keys, plus the canaries. */
export function canaryBuildEnv(source = process.env) {
  return { ...zeroKeyEnv(source), ...BUILD_CANARIES };
}
