import { z } from "zod";

const id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_\\w{4,200}$`), { error: "Unknown id." });

export const cardNumberSchema = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^\d{12,19}$/, { error: "Enter a card number (try 4242 4242 4242 4242)." }));

export const hostedCheckoutSchema = z.object({
  sessionId: id("cs"),
  cardNumber: cardNumberSchema,
  expiry: z.string().trim().regex(/^(0[1-9]|1[0-2])\s*\/\s*\d{2}$/, { error: "Enter the expiry as MM / YY." }),
  cvc: z.string().trim().regex(/^\d{3,4}$/, { error: "Enter the 3 or 4 digits on the back." }),
  name: z.string().trim().max(200).optional(),
  promotionCode: z.string().trim().max(100).optional(),
});

export const portalSubscriptionSchema = z.object({ portalId: id("bps"), subscriptionId: id("sub") });
export const portalCardSchema = z.object({ portalId: id("bps"), cardNumber: cardNumberSchema });
export const advanceClockSchema = z.object({ days: z.coerce.number().int().min(0).max(800).default(0), months: z.coerce.number().int().min(0).max(24).default(0) });
