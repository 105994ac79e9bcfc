import type Stripe from "stripe";
import { z } from "zod";
import { invalidRequest } from "../errors";
import { bool, expand, listParams, mergeMetadata, metadata, parseParams } from "../params";
import { present, presentList } from "../present";
import type { Route } from "../route";
import { previousAttributes, type Work } from "../work";

export type NewProduct = { id?: string; name: string; description?: string; active?: boolean; metadata?: Record<string, string>; images?: string[]; url?: string; unit_label?: string };

export async function createProduct(work: Work, input: NewProduct): Promise<Stripe.Product> {
  if (input.id && (await work.store.findAny(input.id))) throw invalidRequest("Product already exists.", "id", "resource_already_exists");
  const product: Stripe.Product = {
    id: input.id ?? work.id("product", 14),
    object: "product",
    active: input.active ?? true,
    created: work.time,
    default_price: null,
    description: input.description ?? null,
    images: input.images ?? [],
    livemode: false,
    marketing_features: [],
    metadata: input.metadata ?? {},
    name: input.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: "service",
    unit_label: input.unit_label ?? null,
    updated: work.time,
    url: input.url ?? null,
  };
  await work.save(product);
  await work.emit("product.created", product);
  return product;
}

const createSchema = z.strictObject({
  id: z.string().optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  active: bool.optional(),
  metadata: metadata.optional(),
  images: z.array(z.string()).optional(),
  url: z.string().optional(),
  unit_label: z.string().optional(),
  expand,
});

const updateSchema = createSchema.omit({ id: true }).partial().extend({ default_price: z.string().optional() });

const listSchema = z.strictObject({ ...listParams, active: bool.optional(), ids: z.array(z.string()).optional() });

export const productRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/products",
    handler: async (ctx) => {
      const p = parseParams(createSchema, ctx.params);
      const product = await ctx.write((w) => createProduct(w, { ...p, metadata: mergeMetadata({}, p.metadata) }));
      return present(ctx.store, product, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/products/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("product", ctx.path.id), p.expand);
    },
  },
  {
    method: "POST",
    path: "/v1/products/:id",
    handler: async (ctx) => {
      const p = parseParams(updateSchema, ctx.params);
      const product = await ctx.write(async (w) => {
        const before = await w.store.getOrThrow("product", ctx.path.id);
        if (p.default_price) {
          const price = await w.store.getOrThrow("price", p.default_price, "default_price");
          if (price.product !== before.id) throw invalidRequest("The default price must belong to this product.", "default_price");
        }
        const after: Stripe.Product = {
          ...before,
          ...(p.name !== undefined ? { name: p.name } : {}),
          ...(p.description !== undefined ? { description: p.description || null } : {}),
          ...(p.active !== undefined ? { active: p.active } : {}),
          ...(p.images !== undefined ? { images: p.images } : {}),
          ...(p.url !== undefined ? { url: p.url || null } : {}),
          ...(p.unit_label !== undefined ? { unit_label: p.unit_label || null } : {}),
          ...(p.default_price !== undefined ? { default_price: p.default_price || null } : {}),
          metadata: mergeMetadata(before.metadata, p.metadata),
          updated: w.time,
        };
        await w.save(after);
        await w.emit("product.updated", after, previousAttributes(before, after));
        return after;
      });
      return present(ctx.store, product, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/products",
    handler: async (ctx) => {
      const p = parseParams(listSchema, ctx.params);
      if (p.ids) {
        const found = (await Promise.all(p.ids.map((id) => ctx.store.find("product", id)))).filter((x): x is Stripe.Product => !!x);
        return presentList(ctx.store, "/v1/products", { data: found, hasMore: false }, p.expand);
      }
      const page = await ctx.store.list("product", { contains: p.active !== undefined ? { active: p.active } : undefined, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/products", page, p.expand);
    },
  },
];
