import { sql } from "drizzle-orm";
import { z } from "zod";
import { stripeEmulatorObjects as objects } from "@/db/schema";
import { expand, listParams, oneOf, parseParams } from "../params";
import { present, presentList } from "../present";
import type { Route } from "../route";

const listSchema = z.strictObject({
  ...listParams,
  customer: z.string().optional(),
  subscription: z.string().optional(),
  status: oneOf(["draft", "open", "paid", "uncollectible", "void"]).optional(),
});

const paymentsListSchema = z.strictObject({
  ...listParams,
  invoice: z.string().optional(),
  payment: z.strictObject({ type: oneOf(["payment_intent", "payment_record"]), payment_intent: z.string().optional() }).optional(),
  status: oneOf(["canceled", "open", "paid"]).optional(),
});

export const invoiceRoutes: Route[] = [
  {
    method: "GET",
    path: "/v1/invoices/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("invoice", ctx.path.id), p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/invoices/:id/lines",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject(listParams), ctx.params);
      return present(ctx.store, (await ctx.store.getOrThrow("invoice", ctx.path.id)).lines, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/invoices",
    handler: async (ctx) => {
      const p = parseParams(listSchema, ctx.params);
      const contains: Record<string, unknown> = {};
      if (p.customer) contains.customer = p.customer;
      if (p.status) contains.status = p.status;
      // Invoices name their subscription under parent.subscription_details since API 2025-03-31.
      const where = p.subscription ? sql`${objects.data}->'parent'->'subscription_details'->>'subscription' = ${p.subscription}` : undefined;
      const page = await ctx.store.list("invoice", { contains, where, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/invoices", page, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/invoice_payments/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("invoice_payment", ctx.path.id), p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/invoice_payments",
    handler: async (ctx) => {
      const p = parseParams(paymentsListSchema, ctx.params);
      const contains: Record<string, unknown> = {};
      if (p.invoice) contains.invoice = p.invoice;
      if (p.status) contains.status = p.status;
      if (p.payment?.payment_intent) contains.payment = { payment_intent: p.payment.payment_intent };
      const page = await ctx.store.list("invoice_payment", { contains, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/invoice_payments", page, p.expand);
    },
  },
];
