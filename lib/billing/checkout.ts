import "server-only";
import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import Stripe from "stripe";
import { db } from "@/db";
import { billingCustomers, memberships, referrals, type Plan } from "@/db/schema";
import { ActionError } from "@/lib/actions/action";
import type { CurrentUser } from "@/lib/auth/guards";
import { getEnv } from "@/lib/env";
import { findReferralCode } from "@/lib/referrals/codes";
import { attributeTypedCode } from "@/lib/referrals/record";
import { getReferralSettings } from "@/lib/referrals/settings";
import { getLiveMembership } from "./memberships";
import { findPurchasablePlan } from "./plans";
import { getStripe } from "./stripe-client";
import { stripeErrorCode, stripeErrorMessage } from "./stripe-errors";
import { findPlanPrice } from "./sync-plans";

/** One Stripe customer per user, reused for every checkout and the portal. */
export async function getOrCreateCustomer(stripe: Stripe, user: CurrentUser): Promise<string> {
  const [existing] = await db.select().from(billingCustomers).where(eq(billingCustomers.userId, user.id));
  if (existing) return existing.stripeCustomerId;
  // The idempotency key makes two simultaneous first checkouts get the same Stripe customer.
  const customer = await stripe.customers.create(
    { email: user.email, name: user.name ?? undefined, metadata: { userId: user.id } },
    { idempotencyKey: `cairn-customer-${user.id}` },
  );
  await db.insert(billingCustomers).values({ userId: user.id, stripeCustomerId: customer.id }).onConflictDoNothing();
  const [row] = await db.select().from(billingCustomers).where(eq(billingCustomers.userId, user.id));
  return row.stripeCustomerId;
}


/**
 * Starts a hosted Checkout for a plan. The server chooses the price (by the plan's lookup_key);
 * the form sends only the plan id. Refused while the user already has a live paid membership.
 */
export async function startCheckout(user: CurrentUser, planId: string, options: { referralCode?: string | null } = {}): Promise<{ url: string }> {
  const plan = await findPurchasablePlan(planId);
  if (!plan) throw new ActionError("That plan isn't available. Please pick one of the plans on this page.", "not_found");
  const live = await getLiveMembership(user.id);
  if (live) throw new ActionError(`You already have the ${live.plan.name} membership. Manage it from your dashboard.`, "conflict");
  if (options.referralCode?.trim()) {
    // A code typed at checkout attributes like a link (it survives lost cookies).
    if (!(await findReferralCode(options.referralCode))) {
      throw new ActionError("That referral code doesn't exist. Check it, or leave it empty.", "invalid_input", { referralCode: ["That referral code doesn't exist."] });
    }
    await attributeTypedCode(user, options.referralCode);
  }
  const discountPercent = await refereeDiscountPercent(user.id, plan);

  try {
    const stripe = await getStripe();
    const price = await findPlanPrice(stripe, plan.lookupKey!);
    if (!price) {
      console.error(`[billing] no active Stripe price with lookup_key ${plan.lookupKey}: run npm run stripe:sync`);
      throw new ActionError("This plan can't be bought right now. Please try again later.", "failed");
    }
    const customer = await getOrCreateCustomer(stripe, user);

    // At most one open checkout per customer, so nobody pays twice from two tabs; an abandoned
    // session never blocks a new one.
    const open = await stripe.checkout.sessions.list({ customer, status: "open", limit: 10 });
    for (const session of open.data) await stripe.checkout.sessions.expire(session.id);

    const env = getEnv();
    const metadata = { userId: user.id, planId: plan.id };
    const recurring = plan.kind === "recurring";
    const hadTrial = recurring ? await hasHadTrial(user.id) : true;
    const coupon = discountPercent > 0 ? await referralCoupon(stripe, discountPercent) : null;
    const session = await stripe.checkout.sessions.create({
      mode: recurring ? "subscription" : "payment",
      line_items: [{ price: price.id, quantity: 1 }],
      customer,
      client_reference_id: user.id,
      metadata,
      // A referred member's first paid membership gets the referral coupon. Stripe refuses
      // `discounts` with `allow_promotion_codes`, so then no code can be typed; otherwise codes from
      // discount rewards (lib/billing/promotion-codes.ts) are typed on the checkout page.
      ...(coupon ? { discounts: [{ coupon }] } : { allow_promotion_codes: true }),
      success_url: `${env.APP_URL}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${env.APP_URL}/pricing?checkout=canceled`,
      ...(recurring
        ? { subscription_data: { metadata, ...(plan.trialDays > 0 && !hadTrial ? { trial_period_days: plan.trialDays } : {}) } }
        : { payment_intent_data: { metadata } }),
    });
    if (!session.url) throw new Error(`Checkout session ${session.id} has no url`);
    return { url: session.url };
  } catch (error) {
    const message = stripeErrorMessage(error);
    if (message) {
      console.error("[billing] checkout failed", error);
      throw new ActionError(message, "failed");
    }
    throw error;
  }
}

/**
 * The referee's discount, in whole percent: only while their referral is alive and not yet
 * qualified (so only on the first paid membership). The program sets the offer; a plan can cap
 * it or switch it off (its `referralDiscountPercent`, shown on the pricing page). When the program
 * welcomes friends with bonus points instead (lib/referrals/welcome.ts), there is no discount.
 */
async function refereeDiscountPercent(userId: string, plan: Plan): Promise<number> {
  const [referral] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.refereeUserId, userId), inArray(referrals.status, ["pending", "flagged"]), isNull(referrals.qualifyingReference)));
  if (!referral) return 0;
  const { refereeReward, refereeDiscountPercent } = await getReferralSettings();
  if (refereeReward === "points") return 0;
  return Math.max(0, Math.min(refereeDiscountPercent, plan.benefits.referralDiscountPercent));
}

/**
 * One coupon per percentage, with a fixed id, so creating it is idempotent on Stripe and on the
 * emulator alike: retrieve, create if missing, and re-read if a concurrent checkout created it first.
 */
async function referralCoupon(stripe: Stripe, percent: number): Promise<string> {
  const id = `cairn-referral-${percent}`;
  const missing = (error: unknown) => stripeErrorCode(error) === "resource_missing";
  try {
    return (await stripe.coupons.retrieve(id)).id;
  } catch (error) {
    if (!missing(error)) throw error;
  }
  try {
    return (await stripe.coupons.create({ id, percent_off: percent, duration: "once", name: `Referral ${percent}% off`, metadata: { cairn: "referral" } })).id;
  } catch (error) {
    if (stripeErrorCode(error) === "resource_already_exists") return id;
    throw error;
  }
}

/** One free trial per person. */
async function hasHadTrial(userId: string): Promise<boolean> {
  const [row] = await db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, userId), isNotNull(memberships.trialEnd))).limit(1);
  return !!row;
}

/** A Billing Portal session for the user's Stripe customer (cancel, resume, card, invoices). */
export async function openBillingPortal(user: CurrentUser): Promise<{ url: string }> {
  const [customer] = await db.select().from(billingCustomers).where(eq(billingCustomers.userId, user.id));
  if (!customer) throw new ActionError("You don't have a paid membership to manage yet.", "not_found");
  try {
    const stripe = await getStripe();
    const session = await stripe.billingPortal.sessions.create({ customer: customer.stripeCustomerId, return_url: `${getEnv().APP_URL}/dashboard` });
    return { url: session.url };
  } catch (error) {
    const message = stripeErrorMessage(error);
    if (message) throw new ActionError(message, "failed");
    throw error;
  }
}
