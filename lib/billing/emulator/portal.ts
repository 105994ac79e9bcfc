import type Stripe from "stripe";
import { lookupCard } from "./cards";
import { invalidRequest, type Decline } from "./errors";
import { createCardPaymentMethod } from "./payments";
import { updateCustomer } from "./resources/customers";
import { ObjectStore } from "./store";
import { endSubscription, retryNow, saveUpdated, setCancelAtPeriodEnd } from "./subscribing";
import { runWork, type Core, type Work } from "./work";

/**
 * What the hosted billing portal page (app/dev/stripe/portal/[id]) can do for the session's
 * customer. Every action checks the subscription belongs to that customer.
 */

export type PortalView = {
  session: Stripe.BillingPortal.Session;
  customer: Stripe.Customer;
  /** Not canceled ones, newest first, with price and product at hand for display. */
  subscriptions: { subscription: Stripe.Subscription; productName: string }[];
  paymentMethod: Stripe.PaymentMethod | null;
  invoices: Stripe.Invoice[];
};

export type CardUpdateResult = { status: "updated"; paymentMethod: Stripe.PaymentMethod } | { status: "declined"; error: Decline };

export async function getPortal(core: Core, portalSessionId: string): Promise<PortalView> {
  const store = new ObjectStore(core.db);
  const session = await store.getOrThrow("billing_portal.session", portalSessionId);
  const customer = await store.getOrThrow("customer", session.customer);
  const subs = (await store.all("subscription", { customer: customer.id })).filter((s) => s.status !== "canceled").reverse();
  const subscriptions = await Promise.all(
    subs.map(async (subscription) => ({
      subscription,
      productName: (await store.find("product", subscription.items.data[0].price.product as string))?.name ?? subscription.items.data[0].price.id,
    })),
  );
  const pmId = customer.invoice_settings.default_payment_method ?? subs[0]?.default_payment_method ?? null;
  const paymentMethod = pmId ? await store.find("payment_method", pmId as string) : null;
  const invoices = (await store.all("invoice", { customer: customer.id })).reverse().slice(0, 24);
  return { session, customer, subscriptions, paymentMethod, invoices };
}

async function ownedSubscription(work: Work, portalSessionId: string, subscriptionId: string): Promise<Stripe.Subscription> {
  const session = await work.store.getOrThrow("billing_portal.session", portalSessionId);
  const sub = await work.store.getOrThrow("subscription", subscriptionId, "subscription");
  if (sub.customer !== session.customer) throw invalidRequest("This subscription does not belong to the portal session's customer.", "subscription");
  work.onClockOf(session.customer);
  return sub;
}

export function portalCancelAtPeriodEnd(core: Core, portalSessionId: string, subscriptionId: string): Promise<Stripe.Subscription> {
  return runWork(core, async (w) => setCancelAtPeriodEnd(w, await ownedSubscription(w, portalSessionId, subscriptionId), true));
}

/** "Renew": takes back a scheduled cancellation. */
export function portalResume(core: Core, portalSessionId: string, subscriptionId: string): Promise<Stripe.Subscription> {
  return runWork(core, async (w) => setCancelAtPeriodEnd(w, await ownedSubscription(w, portalSessionId, subscriptionId), false));
}

export function portalCancelNow(core: Core, portalSessionId: string, subscriptionId: string): Promise<Stripe.Subscription> {
  return runWork(core, async (w) => {
    const sub = await ownedSubscription(w, portalSessionId, subscriptionId);
    if (sub.status === "canceled") throw invalidRequest("This subscription is already canceled.", "subscription");
    await endSubscription(w, sub, { at: w.time, reason: "cancellation_requested" });
    return w.store.getOrThrow("subscription", sub.id);
  });
}

/**
 * A new card becomes the customer's default and every live subscription's; a past-due invoice is
 * paid with it right away (what the real portal offers after a failed renewal).
 */
export function portalUpdateCard(core: Core, portalSessionId: string, cardNumber: string): Promise<CardUpdateResult> {
  return runWork(core, async (w) => {
    const session = await w.store.getOrThrow("billing_portal.session", portalSessionId);
    w.onClockOf(session.customer);
    const card = lookupCard(cardNumber);
    if (!card.ok) return { status: "declined", error: card.decline };
    // Cards that always decline fail when attached too; 0341 attaches fine and fails later.
    if (card.card.behavior.kind === "declines") return { status: "declined", error: card.card.behavior.decline };
    const customer = await w.store.getOrThrow("customer", session.customer);
    const pm = await createCardPaymentMethod(w, card.card, { customer: customer.id, email: customer.email, name: customer.name ?? null });
    await updateCustomer(w, customer, { invoice_settings: { ...customer.invoice_settings, default_payment_method: pm.id } });
    for (const sub of await w.store.all("subscription", { customer: customer.id })) {
      if (sub.status === "canceled") continue;
      const updated = await saveUpdated(w, sub, { ...sub, default_payment_method: pm.id });
      await retryNow(w, updated);
    }
    return { status: "updated", paymentMethod: pm };
  });
}
