import { sql } from "drizzle-orm";
import type Stripe from "stripe";
import { z } from "zod";
import { stripeEmulatorObjects as objects } from "@/db/schema";
import { invalidRequest, resourceMissing } from "../errors";
import { bool, expand, listParams, mergeMetadata, metadata, oneOf, parseParams } from "../params";
import { present, presentList } from "../present";
import type { Route } from "../route";
import { endSubscription, saveUpdated, setCancelAtPeriodEnd } from "../subscribing";

const feedback = oneOf(["customer_service", "low_quality", "missing_features", "other", "switched_service", "too_complex", "too_expensive", "unused"]);
const details = z.strictObject({ comment: z.string().optional(), feedback: feedback.optional() }).optional();

const updateSchema = z.strictObject({
  cancel_at_period_end: bool.optional(),
  metadata: metadata.optional(),
  default_payment_method: z.string().optional(),
  description: z.string().optional(),
  cancellation_details: details,
  proration_behavior: oneOf(["create_prorations", "none", "always_invoice"]).optional(),
  expand,
});

const cancelSchema = z.strictObject({ cancellation_details: details, invoice_now: bool.optional(), prorate: bool.optional(), expand });

const listSchema = z.strictObject({
  ...listParams,
  customer: z.string().optional(),
  price: z.string().optional(),
  status: oneOf(["active", "all", "canceled", "ended", "incomplete", "incomplete_expired", "past_due", "paused", "trialing", "unpaid"]).optional(),
});

export const subscriptionRoutes: Route[] = [
  {
    method: "GET",
    path: "/v1/subscriptions/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("subscription", ctx.path.id), p.expand);
    },
  },
  {
    method: "POST",
    path: "/v1/subscriptions/:id",
    handler: async (ctx) => {
      const p = parseParams(updateSchema, ctx.params);
      const sub = await ctx.write(async (w) => {
        let sub = await w.store.getOrThrow("subscription", ctx.path.id);
        w.onClockOf(sub.customer as string);
        if (p.cancel_at_period_end !== undefined && p.cancel_at_period_end !== sub.cancel_at_period_end) {
          sub = await setCancelAtPeriodEnd(w, sub, p.cancel_at_period_end, p.cancellation_details ?? {});
        }
        if (p.default_payment_method) {
          const pm = await w.store.getOrThrow("payment_method", p.default_payment_method, "default_payment_method");
          if (pm.customer !== sub.customer) throw invalidRequest("The payment method must be attached to the subscription's customer.", "default_payment_method");
        }
        const after: Stripe.Subscription = {
          ...sub,
          metadata: mergeMetadata(sub.metadata, p.metadata),
          ...(p.description !== undefined ? { description: p.description || null } : {}),
          ...(p.default_payment_method ? { default_payment_method: p.default_payment_method } : {}),
        };
        return saveUpdated(w, sub, after);
      });
      return present(ctx.store, sub, p.expand);
    },
  },
  {
    method: "DELETE",
    path: "/v1/subscriptions/:id",
    handler: async (ctx) => {
      const p = parseParams(cancelSchema, ctx.params);
      await ctx.write(async (w) => {
        const sub = await w.store.getOrThrow("subscription", ctx.path.id);
        // Stripe answers a second cancel as if the subscription were gone.
        if (sub.status === "canceled") throw resourceMissing("subscription", sub.id);
        w.onClockOf(sub.customer as string);
        await endSubscription(w, sub, { at: w.time, reason: "cancellation_requested", ...(p.cancellation_details ?? {}) });
      });
      return present(ctx.store, await ctx.store.getOrThrow("subscription", ctx.path.id), p.expand);
    },
  },
  {
    method: "POST",
    path: "/v1/subscriptions/:id/resume",
    handler: async (ctx) => {
      parseParams(z.strictObject({ billing_cycle_anchor: z.string().optional(), proration_behavior: z.string().optional(), expand }), ctx.params);
      const sub = await ctx.store.getOrThrow("subscription", ctx.path.id);
      // Stripe's resume is for paused subscriptions, which the emulator never produces; undoing a
      // scheduled cancellation is `cancel_at_period_end=false` (what the portal's "Renew" does).
      throw invalidRequest(`Subscription ${sub.id} is not paused, so it cannot be resumed.`, "id");
    },
  },
  {
    method: "GET",
    path: "/v1/subscriptions",
    handler: async (ctx) => {
      const p = parseParams(listSchema, ctx.params);
      const contains: Record<string, unknown> = {};
      if (p.customer) contains.customer = p.customer;
      if (p.price) contains.items = { data: [{ price: { id: p.price } }] };
      if (p.status && p.status !== "all" && p.status !== "ended") contains.status = p.status;
      // Without a status filter Stripe leaves out canceled subscriptions.
      const status = sql`${objects.data}->>'status'`;
      const where = p.status === "ended" ? sql`${status} in ('canceled', 'incomplete_expired')` : p.status ? undefined : sql`${status} <> 'canceled'`;
      const page = await ctx.store.list("subscription", { contains, where, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/subscriptions", page, p.expand);
    },
  },
];
