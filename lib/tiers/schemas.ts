import { z } from "zod";

/** settings.tiers: what qualifies a tier and how long a downgrade waits. */
export const tierSettingsSchema = z.object({
  /** points: points earned; spend: qualifying order cents net of refunds — both over a rolling 12 months. */
  metric: z.enum(["points", "spend"]).catch("points"),
  graceDays: z.number().int().min(0).max(365).catch(30),
});

export type TierSettings = z.infer<typeof tierSettingsSchema>;
export type TierMetric = TierSettings["metric"];

export const DEFAULT_TIER_SETTINGS: TierSettings = { metric: "points", graceDays: 30 };

/** An admin's manual floor: a tier the customer keeps until a date, with the reason for the audit log. */
export const manualFloorSchema = z.object({
  customerId: z.uuid({ error: "Choose a customer." }),
  /** Empty clears the floor. */
  tierId: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z0-9_]*$/, { error: "Choose one of the tiers." })
    .transform((v) => v || null),
  /** A date (YYYY-MM-DD) or a full timestamp; the floor holds until then. Ignored when clearing. */
  until: z
    .union([z.literal(""), z.coerce.date({ error: "Enter a date." })])
    .optional()
    .transform((v) => (v instanceof Date ? v : null)),
  reason: z.string().trim().min(3, { error: "Say why, for the audit log." }).max(500),
});

export type ManualFloorInput = z.infer<typeof manualFloorSchema>;
