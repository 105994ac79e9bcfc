import type Stripe from "stripe";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { stripeEmulatorObjects as objects } from "@/db/schema";
import { invalidRequest } from "../errors";
import { bool, expand, int, listParams, mergeMetadata, metadata, oneOf, parseParams } from "../params";
import { present, presentList } from "../present";
import type { Route } from "../route";
import { wireDecimal } from "../types";
import { previousAttributes, type Work } from "../work";
import { createProduct } from "./products";

const createSchema = z.strictObject({
  currency: z.string().length(3),
  unit_amount: int,
  product: z.string().optional(),
  product_data: z.strictObject({ name: z.string(), metadata: metadata.optional() }).optional(),
  recurring: z
    .strictObject({
      interval: oneOf(["day", "week", "month", "year"]),
      interval_count: int.optional(),
      usage_type: z.literal("licensed").optional(),
      trial_period_days: int.optional(),
    })
    .optional(),
  lookup_key: z.string().max(200).optional(),
  transfer_lookup_key: bool.optional(),
  nickname: z.string().optional(),
  metadata: metadata.optional(),
  active: bool.optional(),
  tax_behavior: oneOf(["exclusive", "inclusive", "unspecified"]).optional(),
  expand,
});

const updateSchema = z.strictObject({
  active: bool.optional(),
  lookup_key: z.string().max(200).optional(),
  transfer_lookup_key: bool.optional(),
  nickname: z.string().optional(),
  metadata: metadata.optional(),
  tax_behavior: oneOf(["exclusive", "inclusive", "unspecified"]).optional(),
  expand,
});

const listSchema = z.strictObject({
  ...listParams,
  active: bool.optional(),
  product: z.string().optional(),
  currency: z.string().optional(),
  type: oneOf(["one_time", "recurring"]).optional(),
  lookup_keys: z.array(z.string()).max(10).optional(),
  recurring: z.strictObject({ interval: oneOf(["day", "week", "month", "year"]).optional() }).optional(),
});

/**
 * A lookup key names one price at a time. Without `transfer_lookup_key` a second claim is refused;
 * with it, the key moves and the old price is updated (and says so with `price.updated`).
 */
async function claimLookupKey(work: Work, key: string, transfer: boolean, claimant: string | null): Promise<void> {
  const [holder] = (await work.store.all("price", { lookup_key: key })).filter((p) => p.id !== claimant);
  if (!holder) return;
  if (!transfer) throw invalidRequest(`A price (\`${holder.id}\`) already uses that lookup key.`, "lookup_key");
  const moved: Stripe.Price = { ...holder, lookup_key: null };
  await work.save(moved);
  await work.emit("price.updated", moved, { lookup_key: key });
}

export const priceRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/prices",
    handler: async (ctx) => {
      const p = parseParams(createSchema, ctx.params);
      if (!p.product && !p.product_data) throw invalidRequest("Missing required param: product.", "product", "parameter_missing");
      const price = await ctx.write(async (w) => {
        const productId = p.product
          ? (await w.store.getOrThrow("product", p.product, "product")).id
          : (await createProduct(w, { name: p.product_data!.name, metadata: mergeMetadata({}, p.product_data!.metadata) })).id;
        if (p.lookup_key) await claimLookupKey(w, p.lookup_key, p.transfer_lookup_key ?? false, null);
        const price: Stripe.Price = {
          id: w.id("price", 24),
          object: "price",
          active: p.active ?? true,
          billing_scheme: "per_unit",
          created: w.time,
          currency: p.currency.toLowerCase(),
          custom_unit_amount: null,
          livemode: false,
          lookup_key: p.lookup_key ?? null,
          metadata: mergeMetadata({}, p.metadata),
          nickname: p.nickname ?? null,
          product: productId,
          recurring: p.recurring
            ? {
                interval: p.recurring.interval,
                interval_count: p.recurring.interval_count ?? 1,
                meter: null,
                trial_period_days: p.recurring.trial_period_days ?? null,
                usage_type: "licensed",
              }
            : null,
          tax_behavior: p.tax_behavior ?? "unspecified",
          tiers_mode: null,
          transform_quantity: null,
          type: p.recurring ? "recurring" : "one_time",
          unit_amount: p.unit_amount,
          unit_amount_decimal: wireDecimal(p.unit_amount),
        };
        await w.save(price);
        await w.emit("price.created", price);
        return price;
      });
      return present(ctx.store, price, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/prices/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("price", ctx.path.id), p.expand);
    },
  },
  {
    method: "POST",
    path: "/v1/prices/:id",
    handler: async (ctx) => {
      const p = parseParams(updateSchema, ctx.params);
      const price = await ctx.write(async (w) => {
        const before = await w.store.getOrThrow("price", ctx.path.id);
        if (p.lookup_key) await claimLookupKey(w, p.lookup_key, p.transfer_lookup_key ?? false, before.id);
        const after: Stripe.Price = {
          ...before,
          ...(p.active !== undefined ? { active: p.active } : {}),
          ...(p.lookup_key !== undefined ? { lookup_key: p.lookup_key || null } : {}),
          ...(p.nickname !== undefined ? { nickname: p.nickname || null } : {}),
          ...(p.tax_behavior !== undefined ? { tax_behavior: p.tax_behavior } : {}),
          metadata: mergeMetadata(before.metadata, p.metadata),
        };
        const previous = previousAttributes(before, after);
        if (Object.keys(previous).length) {
          await w.save(after);
          await w.emit("price.updated", after, previous);
        }
        return after;
      });
      return present(ctx.store, price, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/prices",
    handler: async (ctx) => {
      const p = parseParams(listSchema, ctx.params);
      const contains: Record<string, unknown> = {};
      if (p.active !== undefined) contains.active = p.active;
      if (p.product) contains.product = p.product;
      if (p.currency) contains.currency = p.currency.toLowerCase();
      if (p.type) contains.type = p.type;
      if (p.recurring?.interval) contains.recurring = { interval: p.recurring.interval };
      const where = p.lookup_keys?.length
        ? sql`${objects.data}->>'lookup_key' in (${sql.join(
            p.lookup_keys.map((k) => sql`${k}`),
            sql`, `,
          )})`
        : undefined;
      const page = await ctx.store.list("price", { contains, where, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/prices", page, p.expand);
    },
  },
];

/** The legacy `plan` every subscription item still carries, derived from its price. */
export function planFromPrice(price: Stripe.Price): Stripe.Plan {
  const recurring = price.recurring!;
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: "per_unit",
    created: price.created,
    currency: price.currency,
    interval: recurring.interval,
    interval_count: recurring.interval_count,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product as string,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: recurring.trial_period_days,
    usage_type: "licensed",
  };
}
