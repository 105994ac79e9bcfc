import { z } from "zod";
import type { OutboxEmail } from "@/db/schema";
import { hasNoNul, NUL_MESSAGE } from "@/lib/security/nul-bytes";

/** Shared by the operations forms, actions, pages and tests (STYLE 3). Client-safe: no server imports. */

const reason = z.string().trim().min(3, "Give a reason (at least 3 characters).").max(500, "Keep the reason under 500 characters.");

export const retryStripeEventSchema = z.object({
  eventId: z.string().trim().regex(/^evt_\w{1,250}$/, "That isn't a Stripe event id (evt_…)."),
  reason,
});

export const resendEmailSchema = z.object({ id: z.uuid("That isn't a valid message id."), reason });

// ───────────── list filters (GET forms: the URL is the state) ─────────────

export const STRIPE_EVENT_STATUSES = ["processed", "ignored", "failed"] as const;
export type StripeEventStatus = (typeof STRIPE_EVENT_STATUSES)[number];

export const EMAIL_STATUSES = ["queued", "sent", "failed", "outbox"] as const satisfies readonly OutboxEmail["status"][];
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const stripeEventFiltersSchema = z.object({
  status: optional(z.enum(STRIPE_EVENT_STATUSES, { error: "Choose processed, ignored or failed." })),
  type: optional(
    z
      .string()
      .trim()
      .max(100, "At most 100 characters.")
      .regex(/^[a-z0-9_.]+$/, "Event types use lower-case letters, digits, dots and underscores (e.g. invoice.paid)."),
  ),
});

export const emailFiltersSchema = z.object({
  status: optional(z.enum(EMAIL_STATUSES, { error: "Choose queued, sent, failed or outbox." })),
  to: optional(z.string().trim().toLowerCase().max(320, "At most 320 characters.").refine(hasNoNul, NUL_MESSAGE)),
});

export const auditFiltersSchema = z.object({
  actor: optional(z.string().trim().toLowerCase().max(320, "At most 320 characters.").refine(hasNoNul, NUL_MESSAGE)),
  action: optional(z.string().trim().max(100, "At most 100 characters.").refine(hasNoNul, NUL_MESSAGE)),
  entityType: optional(z.string().trim().max(100, "At most 100 characters.").refine(hasNoNul, NUL_MESSAGE)),
  entityId: optional(z.string().trim().max(255, "At most 255 characters.").refine(hasNoNul, NUL_MESSAGE)),
});

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Reads a GET form's fields one by one: a bad field gets its own message and is left out of the
 * query, the others still apply (a filter page never fails as a whole).
 */
export function parseFilters<S extends z.ZodObject>(schema: S, params: SearchParams): { values: Partial<z.output<S>>; errors: Partial<Record<keyof z.output<S>, string>>; raw: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const raw: Record<string, string> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const given = params[key];
    const value = Array.isArray(given) ? given[0] : given;
    if (typeof value === "string") raw[key] = value;
    const parsed = (field as z.ZodType).safeParse(value);
    if (parsed.success) {
      if (parsed.data !== undefined) values[key] = parsed.data;
    } else errors[key] = parsed.error.issues[0]?.message ?? "Not a valid value.";
  }
  return { values: values as Partial<z.output<S>>, errors: errors as Partial<Record<keyof z.output<S>, string>>, raw };
}

/** The first value of a search parameter. */
export function param(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}
