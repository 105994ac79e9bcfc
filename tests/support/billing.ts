import { eq } from "drizzle-orm";
import { db } from "@/db";
import { memberships, plans, users } from "@/db/schema";
import { DEFAULT_PLANS } from "@/db/seed-plans";
import type { CurrentUser } from "@/lib/auth/guards";
import { startCheckout } from "@/lib/billing/checkout";
import { createEmulatedStripe, createStripeEmulator, type StripeEmulator, type WebhookOptions } from "@/lib/billing/emulator";
import { installStripeForTests, webhookSecret } from "@/lib/billing/stripe-client";
import { syncAllPlans } from "@/lib/billing/sync-plans";
import { getEnv } from "@/lib/env";
import { POST } from "@/app/api/stripe/webhook/route";

/**
 * The billing stack as it runs in the embedded mode, on the test's real Postgres: the real `stripe`
 * SDK → the emulator → signed webhooks → the app's own route handler (called in-process).
 */
export async function setupBilling(webhook: Partial<WebhookOptions> = {}) {
  const url = `${getEnv().APP_URL}/api/stripe/webhook`;
  const emulator = createStripeEmulator({
    db,
    appUrl: getEnv().APP_URL,
    webhook: {
      url,
      secret: webhookSecret(),
      retryDelaysMs: [0, 0, 0, 0, 0],
      fetch: async (target, init) => {
        const response = await POST(new Request(target, { method: "POST", headers: init.headers, body: init.body }));
        return { status: response.status, text: () => response.text() };
      },
      ...webhook,
    },
  });
  const stripe = createEmulatedStripe(emulator);
  installStripeForTests(stripe, emulator);
  await db.insert(plans).values(DEFAULT_PLANS).onConflictDoNothing();
  await syncAllPlans(stripe);
  /** Call in afterAll: deliveries still running would outlive the test file's database. */
  const close = async () => {
    await emulator.webhooks.idle();
    emulator.close();
  };
  return { emulator, stripe, close };
}

export async function createMember(email: string): Promise<CurrentUser> {
  const [user] = await db.insert(users).values({ email, name: email.split("@")[0] }).returning();
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Buy → hosted checkout → pay with `card`. Returns the checkout session id. */
export async function buy(emulator: StripeEmulator, user: CurrentUser, planId: string, card = "4242 4242 4242 4242") {
  const { url } = await startCheckout(user, planId);
  const sessionId = new URL(url).pathname.split("/").at(-1)!;
  const result = await emulator.completeCheckout(sessionId, { cardNumber: card });
  return { sessionId, result };
}

export async function membershipsOf(userId: string) {
  return db.select().from(memberships).where(eq(memberships.userId, userId));
}
