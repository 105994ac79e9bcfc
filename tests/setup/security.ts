import { inject } from "vitest";
import { SECURITY_AUTH_SECRET } from "../security/support/fixtures";
import "../security/support/provided-context";

/**
 * Security tier, before each test file: the file builds fixtures with the app's own modules on the
 * embedded PGlite (never a DATABASE_URL from the shell), with the auth secret and origin the
 * server under test gets.
 */
for (const key of ["DATABASE_URL", "DATABASE_DRIVER", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "RESEND_API_KEY", "CRON_SECRET"]) delete process.env[key];
process.env.AUTH_SECRET = SECURITY_AUTH_SECRET;
process.env.APP_URL = inject("security").url;
delete (globalThis as unknown as { cairnEnv?: unknown }).cairnEnv;
