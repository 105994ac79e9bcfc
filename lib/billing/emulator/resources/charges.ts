import { z } from "zod";
import { expand, listParams, parseParams } from "../params";
import { present, presentList } from "../present";
import type { Route } from "../route";

/** Charges, payment intents and payment methods: read-only here; checkout and invoices create them. */

const byCustomer = z.strictObject({ ...listParams, customer: z.string().optional(), payment_intent: z.string().optional() });

export const chargeRoutes: Route[] = [
  {
    method: "GET",
    path: "/v1/charges/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("charge", ctx.path.id), p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/charges",
    handler: async (ctx) => {
      const p = parseParams(byCustomer, ctx.params);
      const contains: Record<string, unknown> = {};
      if (p.customer) contains.customer = p.customer;
      if (p.payment_intent) contains.payment_intent = p.payment_intent;
      const page = await ctx.store.list("charge", { contains, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/charges", page, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/payment_intents/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand, client_secret: z.string().optional() }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("payment_intent", ctx.path.id), p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/payment_intents",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ ...listParams, customer: z.string().optional() }), ctx.params);
      const page = await ctx.store.list("payment_intent", { contains: p.customer ? { customer: p.customer } : undefined, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/payment_intents", page, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/payment_methods/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("payment_method", ctx.path.id), p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/payment_methods",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ ...listParams, customer: z.string().optional(), type: z.string().optional() }), ctx.params);
      const page = await ctx.store.list("payment_method", { contains: p.customer ? { customer: p.customer } : undefined, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/payment_methods", page, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/customers/:id/payment_methods",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ ...listParams, type: z.string().optional() }), ctx.params);
      await ctx.store.getOrThrow("customer", ctx.path.id);
      const page = await ctx.store.list("payment_method", { contains: { customer: ctx.path.id }, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, `/v1/customers/${ctx.path.id}/payment_methods`, page, p.expand);
    },
  },
];
