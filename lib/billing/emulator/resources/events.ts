import { sql } from "drizzle-orm";
import { z } from "zod";
import { stripeEmulatorObjects as objects } from "@/db/schema";
import { createdFilter, expand, listParams, parseParams } from "../params";
import { present, presentList } from "../present";
import type { Route } from "../route";

const listSchema = z.strictObject({
  ...listParams,
  type: z.string().optional(),
  types: z.array(z.string()).max(20).optional(),
  created: createdFilter,
  delivery_success: z.string().optional(),
});

export const eventRoutes: Route[] = [
  {
    method: "GET",
    path: "/v1/events/:id",
    handler: async (ctx) => {
      const p = parseParams(z.strictObject({ expand }), ctx.params);
      return present(ctx.store, await ctx.store.getOrThrow("event", ctx.path.id), p.expand);
    },
  },
  {
    method: "GET",
    path: "/v1/events",
    handler: async (ctx) => {
      const p = parseParams(listSchema, ctx.params);
      const conditions = [];
      // `type` accepts a trailing wildcard, like Stripe's `customer.subscription.*`.
      if (p.type) conditions.push(p.type.endsWith("*") ? sql`${objects.data}->>'type' like ${p.type.slice(0, -1) + "%"}` : sql`${objects.data}->>'type' = ${p.type}`);
      if (p.types?.length) conditions.push(sql`${objects.data}->>'type' in (${sql.join(p.types.map((t) => sql`${t}`), sql`, `)})`);
      const c = p.created;
      if (typeof c === "number") conditions.push(sql`${objects.created} = ${c}`);
      else if (c) {
        if (c.gt !== undefined) conditions.push(sql`${objects.created} > ${c.gt}`);
        if (c.gte !== undefined) conditions.push(sql`${objects.created} >= ${c.gte}`);
        if (c.lt !== undefined) conditions.push(sql`${objects.created} < ${c.lt}`);
        if (c.lte !== undefined) conditions.push(sql`${objects.created} <= ${c.lte}`);
      }
      const where = conditions.length ? sql.join(conditions, sql` and `) : undefined;
      const page = await ctx.store.list("event", { where, limit: p.limit, startingAfter: p.starting_after, endingBefore: p.ending_before });
      return presentList(ctx.store, "/v1/events", page, p.expand);
    },
  },
];
