import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { billingCustomers, plans } from "@/db/schema";
import { ActionError } from "@/lib/actions/action";
import { startCheckout } from "@/lib/billing/checkout";
import { buy, createMember, membershipsOf, setupBilling } from "../support/billing";

describe("checkout", () => {
  let billing: Awaited<ReturnType<typeof setupBilling>>;
  beforeAll(async () => {
    billing = await setupBilling();
  });
  afterAll(() => billing.close());

  it("creates a lifetime membership after payment, and refuses paying twice", async () => {
    const user = await createMember("once@example.com");
    await buy(billing.emulator, user, "lifetime");
    await billing.emulator.webhooks.idle();
    const [membership] = await membershipsOf(user.id);
    expect(membership).toMatchObject({ planId: "lifetime", status: "active", currentPeriodEnd: null });
    await expect(startCheckout(user, "plus_monthly")).rejects.toThrow(/already have the Lifetime membership/);
  });

  it("leaves no membership after a declined card, and the open session does not block a new checkout", async () => {
    const user = await createMember("declined@example.com");
    const { result, sessionId } = await buy(billing.emulator, user, "lifetime", "4000 0000 0000 0002");
    expect(result.status).toBe("declined");
    await billing.emulator.webhooks.idle();
    expect(await membershipsOf(user.id)).toHaveLength(0);
    const retry = await buy(billing.emulator, user, "lifetime");
    expect(retry.result.status).toBe("complete");
    // the abandoned session was expired, so it can never be paid as well
    const old = await billing.stripe.checkout.sessions.retrieve(sessionId);
    expect(old.status).toBe("expired");
    await billing.emulator.webhooks.idle();
    expect(await membershipsOf(user.id)).toHaveLength(1);
  });

  it.each([
    ["the free plan", "free"],
    ["an unknown plan", "platinum_forever"],
    ["a plan id with SQL in it", "lifetime' or '1'='1"],
  ])("refuses %s without creating anything in Stripe", async (_name, planId) => {
    const user = await createMember(`tamper-${crypto.randomUUID().slice(0, 6)}@example.com`);
    const before = (await billing.stripe.checkout.sessions.list({ limit: 100 })).data.length;
    await expect(startCheckout(user, planId)).rejects.toBeInstanceOf(ActionError);
    expect((await billing.stripe.checkout.sessions.list({ limit: 100 })).data.length).toBe(before);
  });

  it("refuses an inactive plan", async () => {
    await db.update(plans).set({ active: false }).where(eq(plans.id, "plus_annual"));
    const user = await createMember("inactive@example.com");
    await expect(startCheckout(user, "plus_annual")).rejects.toThrow(/isn't available/);
    await db.update(plans).set({ active: true }).where(eq(plans.id, "plus_annual"));
  });

  it("charges the plan's price whatever the form says, and reuses one Stripe customer per user", async () => {
    const user = await createMember("customer@example.com");
    const [first, second] = await Promise.all([startCheckout(user, "plus_monthly"), startCheckout(user, "plus_annual")]);
    const sessions = await Promise.all([first, second].map(({ url }) => billing.stripe.checkout.sessions.retrieve(new URL(url).pathname.split("/").at(-1)!, { expand: ["line_items"] })));
    expect(sessions[0].customer).toBe(sessions[1].customer);
    expect(sessions.map((s) => s.line_items?.data[0].price?.lookup_key).sort()).toEqual(["cairn_plus_annual", "cairn_plus_monthly"]);
    expect(sessions.map((s) => s.line_items?.data[0].price?.unit_amount).sort((a, b) => a! - b!)).toEqual([900, 9000]);
    const [{ n }] = await db.select({ n: count() }).from(billingCustomers).where(eq(billingCustomers.userId, user.id));
    expect(n).toBe(1);
  });

  it("offers the free trial once per person", async () => {
    const user = await createMember("trial@example.com");
    const { result } = await buy(billing.emulator, user, "plus_monthly");
    if (result.status !== "complete") throw new Error("declined");
    await billing.emulator.webhooks.idle();
    expect((await membershipsOf(user.id))[0].status).toBe("trialing");
    const portal = await import("@/lib/billing/checkout").then((m) => m.openBillingPortal(user));
    await billing.emulator.portal.cancelNow(new URL(portal.url).pathname.split("/").at(-1)!, result.session.subscription as string);
    await billing.emulator.webhooks.idle();
    const again = await buy(billing.emulator, user, "plus_monthly");
    if (again.result.status !== "complete") throw new Error("declined");
    const subscription = await billing.stripe.subscriptions.retrieve(again.result.session.subscription as string);
    expect(subscription.status).toBe("active");
    expect(subscription.trial_end).toBeNull();
  });
});
