import type Stripe from "stripe";
import { z } from "zod";
import { invalidRequest } from "../errors";
import { randomString } from "../ids";
import { bool, expand, int, listParams, mergeMetadata, metadata, parseParams } from "../params";
import { present, presentList } from "../present";
import type { Route } from "../route";
import { previousAttributes } from "../work";

const createSchema = z.strictObject({
  promotion: z.strictObject({ type: z.literal("coupon"), coupon: z.string() }),
  code: z.string().regex(/^[a-zA-Z0-9_-]{1,500}$/, "Invalid code: use letters, digits, dashes and underscores").optional(),
  active: bool.optional(),
  customer: z.string().optional(),
  expires_at: int.optional(),
  max_redemptions: int.optional(),
  metadata: metadata.optional(),
  restrictions: z
    .strictObject({ first_time_transaction: bool.optional(), minimum_amount: int.optional(), minimum_amount_currency: z.string().optional() })
    .optional(),
  expand,
});

const listSchema = z.strictObject({ ...listParams, code: z.string().optional(), active: bool.optional(), coupon: z.string().optional(), customer: z.string().optional() });

export const promotionCodeRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/promotion_codes",
    handler: async (ctx) => {
      const p = parseParams(createSchema, ctx.params);
      const promo = await ctx.write(async (w) => {
        const coupon = await w.store.getOrThrow("coupon", p.promotion.coupon, "promotion[coupon]");
        if (p.customer) await w.store.getOrThrow("customer", p.customer, "customer");
        const code = p.code ?? randomString(8, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789");
        // Stripe refuses a second active code with the same text (codes are matched case-insensitively).
        const clash = (await w.store.all("promotion_code", { active: true })).find((c) => c.code.toLowerCase() === code.toLowerCase());
        if (clash && p.active !== false) throw invalidRequest(`An active promotion code with \`code: ${code}\` already exists.`, "code");
        const promo: Stripe.PromotionCode = {
          id: w.id("promotion_code", 14),
          object: "promotion_code",
          active: p.active ?? true,
          code,
          created: w.time,
          customer: p.customer ?? null,
          customer_account: null,
          expires_at: p.expires_at ?? null,
          livemode: false,
          max_redemptions: p.max_redemptions ?? null,
          metadata: mergeMetadata({}, p.metadata),
          promotion: { coupon: coupon.id, type: "coupon" },
          restrictions: {
            currency_options: {},
            first_time_transaction: p.restrictions?.first_time_transaction ?? false,
            minimum_amount: p.restrictions?.minimum_amount ?? null,
            minimum_amount_currency: p.restrictions?.minimum_amount_currency ?? null,
          },
          times_redeemed: 0,
        };
        await w.save(promo);
        await w.emit("promotion_code.created", promo);
        return promo;
      });
      return present(ctx.store, promo, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/promotion_codes/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("promotion_code", ctx.path.id), p.expand);
    },
  },
  {
    method: "POST",
    path: "/v1/promotion_codes/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ active: bool.optional(), metadata: metadata.optional(), expand }), ctx.params);
      const promo = await ctx.write(async (w) => {
        const before = await w.store.getOrThrow("promotion_code", ctx.path.id);
        const after: Stripe.PromotionCode = { ...before, ...(p.active !== undefined ? { active: p.active } : {}), metadata: mergeMetadata(before.metadata ?? {}, p.metadata) };
        await w.save(after);
        await w.emit("promotion_code.updated", after, previousAttributes(before, after));
        return after;
      });
      return present(ctx.store, promo, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/promotion_codes",
    handler: async (ctx) => {
      const p = parseParams(listSchema, ctx.params);
      const contains: Record<string, unknown> = {};
      if (p.code) contains.code = p.code;
      if (p.active !== undefined) contains.active = p.active;
      if (p.coupon) contains.promotion = { coupon: p.coupon };
      if (p.customer) contains.customer = p.customer;
      const page = await ctx.store.list("promotion_code", { contains, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/promotion_codes", page, p.expand);
    },
  },
];
