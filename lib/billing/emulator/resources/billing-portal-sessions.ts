import type Stripe from "stripe";
import { z } from "zod";
import { expand, oneOf, parseParams } from "../params";
import { present } from "../present";
import type { Route } from "../route";

const createSchema = z.strictObject({
  customer: z.string(),
  return_url: z.string().optional(),
  configuration: z.string().optional(),
  locale: z.string().optional(),
  flow_data: z
    .strictObject({
      type: oneOf(["payment_method_update", "subscription_cancel", "subscription_update", "subscription_update_confirm"]),
      subscription_cancel: z.strictObject({ subscription: z.string() }).optional(),
      after_completion: z.strictObject({ type: z.string(), redirect: z.strictObject({ return_url: z.string() }).optional() }).optional(),
    })
    .optional(),
  expand,
});

export const billingPortalRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/billing_portal/sessions",
    handler: async (ctx) => {
      const p = parseParams(createSchema, ctx.params);
      const session = await ctx.write(async (w) => {
        const customer = await w.store.getOrThrow("customer", p.customer, "customer");
        w.onClockOf(customer.id);
        const id = w.id("billing_portal.session", 24);
        const session: Stripe.BillingPortal.Session = {
          id,
          object: "billing_portal.session",
          // The emulator has one built-in portal configuration; the id is stable so it can be compared.
          configuration: "bpc_emulator_default",
          created: w.time,
          customer: customer.id,
          customer_account: null,
          flow: null,
          livemode: false,
          locale: (p.locale as Stripe.BillingPortal.Session.Locale | undefined) ?? null,
          on_behalf_of: null,
          return_url: p.return_url ?? null,
          url: `${w.core.appUrl}/dev/stripe/portal/${id}`,
        };
        await w.save(session);
        await w.emit("billing_portal.session.created", session);
        return session;
      });
      return present(ctx.store, session, p.expand);
    },
  },
];
