import { z } from "zod";
import { memoSchema } from "@/lib/earning/schemas";

/**
 * The order API's bodies, the CSV rows and the admin forms (STYLE 3). Amounts are integer cents
 * (DESIGN invariant 4); a JSON number with a fraction is refused, not rounded.
 */

/** The `orders.total_cents` column is int4. */
export const MAX_CENTS = 2_147_483_647;
/** Keeps posting keys (order:<integration>:<externalId>) under the ledger's 200 characters. */
export const MAX_EXTERNAL_ID = 100;

const cents = (field: string) =>
  z
    .number({ error: `${field} must be a whole number of cents.` })
    .int(`${field} must be a whole number of cents.`)
    .min(0, `${field} must not be negative.`)
    .max(MAX_CENTS, `${field} is too large.`);

const externalId = (field: string) =>
  z
    .string({ error: `${field} is required.` })
    .trim()
    .min(1, `${field} is required.`)
    .max(MAX_EXTERNAL_ID, `${field} must be at most ${MAX_EXTERNAL_ID} characters.`)
    // Also the refunds URL's path segment, which no body check sees; Postgres refuses NUL in text.
    .refine((value) => !value.includes("\u0000"), `${field} must not contain a NUL character (\\u0000).`);

const email = z
  .string({ error: "email is required." })
  .trim()
  .toLowerCase()
  .pipe(z.email("email must be an email address.").max(320, "email is too long."));

export const orderLineSchema = z.object({
  sku: z.string().trim().max(200).optional(),
  name: z.string().trim().max(500).optional(),
  quantity: z.number({ error: "quantity must be a whole number." }).int("quantity must be a whole number.").min(1, "quantity must be at least 1.").max(1_000_000),
  totalCents: cents("totalCents"),
});

export const orderInputSchema = z
  .object({
    externalId: externalId("externalId"),
    email,
    /** Checked against the program's currency by the service (422), so any short code parses here. */
    currency: z
      .string({ error: "currency is required." })
      .trim()
      .regex(/^[A-Za-z]{3}$/, "currency must be a three-letter ISO 4217 code, like USD.")
      .transform((code) => code.toUpperCase()),
    totalCents: cents("totalCents"),
    qualifyingCents: cents("qualifyingCents"),
    lines: z.array(orderLineSchema).max(500, "At most 500 lines per order.").optional().default([]),
    placedAt: z.iso.datetime({ offset: true, error: "placedAt must be an ISO 8601 date-time with a time zone, like 2026-05-01T14:30:00Z." }).transform((value) => new Date(value)),
  })
  .refine((order) => order.qualifyingCents <= order.totalCents, { path: ["qualifyingCents"], message: "qualifyingCents must not exceed totalCents." });

export type OrderInput = z.output<typeof orderInputSchema>;

export const refundInputSchema = z.object({
  refundId: externalId("refundId"),
  amountCents: cents("amountCents").min(1, "amountCents must be at least 1."),
});

export type RefundInput = z.output<typeof refundInputSchema>;

export const EVENT_TYPES = ["review", "social_share"] as const;

export const eventInputSchema = z.object({
  externalId: externalId("externalId"),
  email,
  type: z.enum(EVENT_TYPES, { error: `type must be one of ${EVENT_TYPES.join(", ")}.` }),
  memo: memoSchema.optional(),
});

export type EventInput = z.output<typeof eventInputSchema>;

/** The route's path segment, e.g. /api/v1/orders/1001/refunds. */
export const orderExternalIdSchema = externalId("externalId");

// ───────────── admin ─────────────

export const createIntegrationSchema = z.object({
  name: z.string().trim().min(1, "Name the shop or till, e.g. “Online store”.").max(80, "At most 80 characters."),
});

export const revokeIntegrationSchema = z.object({
  id: z.uuid("Unknown integration."),
  reason: z.string().trim().max(500, "At most 500 characters.").optional(),
});

/** The CSV upload: 5 MB is some 50,000 orders. */
export const MAX_IMPORT_BYTES = 5_000_000;

export const importOrdersSchema = z.object({
  integrationId: z.uuid("Choose the integration the orders came from."),
  file: z
    .file("Choose a CSV file.")
    .min(1, "The file is empty.")
    .max(MAX_IMPORT_BYTES, "The file is larger than 5 MB: split it, or use npm run orders:import."),
});
