import "server-only";
import type Stripe from "stripe";
import { applySubscription, readSubscription, type SubscriptionState } from "../../stripe-state";
import { defineHandler } from "../handler";
import { recomputeTierAfterMembership } from "../../membership-points";

type SubscriptionEvent =
  | Stripe.CustomerSubscriptionCreatedEvent
  | Stripe.CustomerSubscriptionUpdatedEvent
  | Stripe.CustomerSubscriptionDeletedEvent
  | Stripe.CustomerSubscriptionPausedEvent
  | Stripe.CustomerSubscriptionResumedEvent;

/** customer.subscription.*: the membership mirrors the subscription as Stripe has it now. */
export const subscriptionHandler = defineHandler<SubscriptionEvent, SubscriptionState>({
  lockKey: (event) => `sub:${event.data.object.id}`,
  read: (stripe, event) => readSubscription(stripe, event.data.object.id),
  async apply(tx, state, event) {
    const change = await applySubscription(tx, state, { eventId: event.id, reason: event.type });
    if (!change) return { outcome: "ignored" };
    return { outcome: "processed", after: change.from !== change.to ? [recomputeTierAfterMembership(change.membership.userId)] : [] };
  },
});
