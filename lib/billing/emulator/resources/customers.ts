import type Stripe from "stripe";
import { z } from "zod";
import { makeInvoicePrefix } from "../ids";
import { expand, listParams, mergeMetadata, metadata, parseParams } from "../params";
import { present, presentList } from "../present";
import type { Route } from "../route";
import { previousAttributes, type Work } from "../work";

export type NewCustomer = { email?: string | null; name?: string | null; description?: string; phone?: string; metadata?: Record<string, string> };

export async function createCustomer(work: Work, input: NewCustomer): Promise<Stripe.Customer> {
  const customer: Stripe.Customer = {
    id: work.id("customer", 14),
    object: "customer",
    address: null,
    balance: 0,
    created: work.time,
    currency: null,
    customer_account: null,
    default_source: null,
    delinquent: false,
    description: input.description ?? null,
    discount: null,
    email: input.email ?? null,
    invoice_prefix: makeInvoicePrefix(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: input.metadata ?? {},
    name: input.name ?? null,
    next_invoice_sequence: 1,
    phone: input.phone ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
  await work.save(customer);
  await work.emit("customer.created", customer);
  return customer;
}

export async function updateCustomer(work: Work, before: Stripe.Customer, change: Partial<Stripe.Customer>): Promise<Stripe.Customer> {
  const after: Stripe.Customer = { ...before, ...change };
  const previous = previousAttributes(before, after);
  if (Object.keys(previous).length === 0) return before;
  await work.save(after);
  await work.emit("customer.updated", after, previous);
  return after;
}

const createSchema = z.strictObject({
  email: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  phone: z.string().optional(),
  metadata: metadata.optional(),
  expand,
});

const updateSchema = createSchema.extend({
  invoice_settings: z.strictObject({ default_payment_method: z.string().optional() }).optional(),
});

const listSchema = z.strictObject({ ...listParams, email: z.string().optional() });

export const customerRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/customers",
    handler: async (ctx) => {
      const p = parseParams(createSchema, ctx.params);
      const customer = await ctx.write((w) => createCustomer(w, { ...p, metadata: mergeMetadata({}, p.metadata) }));
      return present(ctx.store, customer, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/customers/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("customer", ctx.path.id), p.expand);
    },
  },
  {
    method: "POST",
    path: "/v1/customers/:id",
    handler: async (ctx) => {
      const p = parseParams(updateSchema, ctx.params);
      const customer = await ctx.write(async (w) => {
        const before = await w.store.getOrThrow("customer", ctx.path.id);
        w.onClockOf(before.id);
        const pm = p.invoice_settings?.default_payment_method;
        if (pm) await w.store.getOrThrow("payment_method", pm, "invoice_settings[default_payment_method]");
        return updateCustomer(w, before, {
          ...(p.email !== undefined ? { email: p.email || null } : {}),
          ...(p.name !== undefined ? { name: p.name || null } : {}),
          ...(p.description !== undefined ? { description: p.description || null } : {}),
          ...(p.phone !== undefined ? { phone: p.phone || null } : {}),
          metadata: mergeMetadata(before.metadata, p.metadata),
          ...(pm ? { invoice_settings: { ...before.invoice_settings, default_payment_method: pm } } : {}),
        });
      });
      return present(ctx.store, customer, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/customers",
    handler: async (ctx) => {
      const p = parseParams(listSchema, ctx.params);
      // Stripe matches `email` exactly, case included.
      const page = await ctx.store.list("customer", { contains: p.email ? { email: p.email } : undefined, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/customers", page, p.expand);
    },
  },
];
