import type Stripe from "stripe";
import { z } from "zod";
import { invalidRequest } from "../errors";
import { makeCouponId } from "../ids";
import { decimal, expand, int, listParams, mergeMetadata, metadata, oneOf, parseParams } from "../params";
import { present, presentList } from "../present";
import type { Route } from "../route";
import { previousAttributes } from "../work";

const createSchema = z.strictObject({
  id: z.string().optional(),
  percent_off: decimal.optional(),
  amount_off: int.optional(),
  currency: z.string().length(3).optional(),
  duration: oneOf(["once", "repeating", "forever"]).optional(),
  duration_in_months: int.optional(),
  name: z.string().optional(),
  max_redemptions: int.optional(),
  redeem_by: int.optional(),
  metadata: metadata.optional(),
  expand,
});

export const couponRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/coupons",
    handler: async (ctx) => {
      const p = parseParams(createSchema, ctx.params);
      if ((p.percent_off === undefined) === (p.amount_off === undefined)) throw invalidRequest("You must pass exactly one of percent_off or amount_off.", "percent_off");
      if (p.percent_off !== undefined && (p.percent_off <= 0 || p.percent_off > 100)) throw invalidRequest("Invalid percent_off: must be greater than 0 and at most 100.", "percent_off");
      if (p.amount_off !== undefined && !p.currency) throw invalidRequest("You must pass currency when passing amount_off.", "currency");
      const duration = p.duration ?? "once";
      if (duration === "repeating" && !p.duration_in_months) throw invalidRequest("You must pass duration_in_months when duration is repeating.", "duration_in_months");
      const coupon = await ctx.write(async (w) => {
        const id = p.id ?? makeCouponId();
        if (await w.store.findAny(id)) throw invalidRequest("Coupon already exists.", "id", "resource_already_exists");
        const coupon: Stripe.Coupon = {
          id,
          object: "coupon",
          amount_off: p.amount_off ?? null,
          created: w.time,
          currency: p.currency?.toLowerCase() ?? null,
          duration,
          duration_in_months: duration === "repeating" ? (p.duration_in_months ?? null) : null,
          livemode: false,
          max_redemptions: p.max_redemptions ?? null,
          metadata: mergeMetadata({}, p.metadata),
          name: p.name ?? null,
          percent_off: p.percent_off ?? null,
          redeem_by: p.redeem_by ?? null,
          times_redeemed: 0,
          valid: true,
        };
        await w.save(coupon);
        await w.emit("coupon.created", coupon);
        return coupon;
      });
      return present(ctx.store, coupon, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/coupons/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("coupon", ctx.path.id), p.expand);
    },
  },
  {
    method: "POST",
    path: "/v1/coupons/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ name: z.string().optional(), metadata: metadata.optional(), expand }), ctx.params);
      const coupon = await ctx.write(async (w) => {
        const before = await w.store.getOrThrow("coupon", ctx.path.id);
        const after: Stripe.Coupon = { ...before, ...(p.name !== undefined ? { name: p.name || null } : {}), metadata: mergeMetadata(before.metadata ?? {}, p.metadata) };
        await w.save(after);
        await w.emit("coupon.updated", after, previousAttributes(before, after));
        return after;
      });
      return present(ctx.store, coupon, p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/coupons",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject(listParams), ctx.params);
      const page = await ctx.store.list("coupon", { limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/coupons", page, p.expand);
    },
  },
];
