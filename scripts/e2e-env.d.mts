/** Types for scripts/e2e-env.mjs, imported by the TypeScript test support. */
export function zeroKeyEnv(source?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export const BUILD_CANARIES: Record<"AUTH_SECRET" | "CRON_SECRET" | "STRIPE_WEBHOOK_SECRET" | "RESEND_API_KEY", string>;
export function canaryBuildEnv(source?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
