import { z } from "zod";

/**
 * The analytics screens' inputs, shared by the forms, the actions and the tests (STYLE 3).
 * Client-safe. FormData arrives as strings and is coerced here on purpose.
 */

/** A holdout larger than half the customers would withhold campaigns from most of the program. */
export const MAX_HOLDOUT_PERCENT = 50;

const sharePercent = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z.coerce
    .number({ error: "Enter a whole percentage from 0 to 50 (0 switches the holdout off)." })
    .pipe(
      z
        .number()
        .int({ error: "Enter a whole percentage from 0 to 50 (0 switches the holdout off)." })
        .min(0, { error: `The holdout is 0–${MAX_HOLDOUT_PERCENT}% of new customers.` })
        .max(MAX_HOLDOUT_PERCENT, { error: `The holdout is 0–${MAX_HOLDOUT_PERCENT}% of new customers.` }),
    ),
);

/** Stored in settings under "holdout". 0 = off (the default): new customers join no group. */
export const holdoutSettingsSchema = z.object({ sharePercent });
export type HoldoutSettings = z.output<typeof holdoutSettingsSchema>;
export const DEFAULT_HOLDOUT_SETTINGS: HoldoutSettings = { sharePercent: 0 };

export const auditReasonSchema = z
  .string({ error: "Say why you are making this change; it is kept in the audit log." })
  .trim()
  .min(3, { error: "Say why you are making this change; it is kept in the audit log." })
  .max(500, { error: "Keep the reason under 500 characters." });

export const holdoutFormSchema = holdoutSettingsSchema.extend({ reason: auditReasonSchema });

/** Rebuilding the rollups takes no input; the audit row says who asked for it. */
export const refreshFormSchema = z.object({});
