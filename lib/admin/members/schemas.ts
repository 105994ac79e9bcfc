import { z } from "zod";
import type { MembershipStatus } from "@/db/schema";
import { hasNoNul } from "@/lib/security/nul-bytes";

/**
 * The members console's inputs (STYLE 3): the search URL, the manual points adjustment, the
 * complimentary membership and the sign-in link. Shared by the pages, the forms, the actions and
 * the tests. Client-safe: no server imports.
 */

// ── search (a GET form: everything comes from the URL and falls back rather than failing) ──

export const MEMBERS_PAGE_SIZE = 25;

export const MEMBERSHIP_STATUSES = ["incomplete", "trialing", "active", "past_due", "unpaid", "paused", "canceled", "refunded", "disputed"] as const satisfies readonly MembershipStatus[];

export const MEMBERSHIP_STATUS_LABELS: Record<MembershipStatus, string> = {
  incomplete: "Incomplete",
  trialing: "Free trial",
  active: "Active",
  past_due: "Payment failed",
  unpaid: "Unpaid",
  paused: "Paused",
  canceled: "Ended",
  refunded: "Refunded",
  disputed: "Disputed",
};

/** Who the list shows: people with an account, or customers known only from store orders. */
export const MEMBER_KINDS = ["members", "customers"] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
/** A keyset position: the row's created_at to the microsecond (as Postgres has it) and its id. */
const CURSOR_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z~[A-Za-z0-9-]{1,100}$/;

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = (max: number) => z.preprocess(one, z.string().trim().max(max).refine(hasNoNul)).catch("");
const slug = z.preprocess(one, z.string().trim().regex(/^[a-z0-9_]{0,64}$/)).catch("");
const cursor = z.preprocess(one, z.string().regex(CURSOR_RE).optional()).catch(undefined);

/** The list's query string; anything unreadable is dropped, except joined dates, which the page reports. */
export const memberSearchSchema = z.object({
  q: text(200),
  who: z.preprocess(one, z.enum(MEMBER_KINDS)).catch("members"),
  /** A plan id, "none" (never had a membership), or "" for any. */
  plan: slug,
  tier: slug,
  status: z.preprocess(one, z.enum(MEMBERSHIP_STATUSES).or(z.literal(""))).catch(""),
  from: text(10),
  to: text(10),
  /** Keyset: the page after (older than) or before (newer than) this row. */
  after: cursor,
  before: cursor,
});
export type MemberSearchInput = z.infer<typeof memberSearchSchema>;

export type JoinedRange = { from: Date | null; toExclusive: Date | null };
export type JoinedRangeResult = { ok: true; range: JoinedRange } | { ok: false; fieldErrors: { from?: string[]; to?: string[] } };

function utcDay(value: string): Date | null {
  if (!DAY_RE.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

/**
 * "Joined from / to" (whole UTC days, both inclusive). Either end may be open (joined since, joined
 * before); a malformed or reversed range is a field error, never silently fixed.
 */
export function parseJoinedRange(from: string, to: string): JoinedRangeResult {
  const fieldErrors: { from?: string[]; to?: string[] } = {};
  const start = from ? utcDay(from) : null;
  const end = to ? utcDay(to) : null;
  if (from && !start) fieldErrors.from = ["Use a real date, like 2026-01-31."];
  if (to && !end) fieldErrors.to = ["Use a real date, like 2026-01-31."];
  if (start && end && start > end) fieldErrors.from = ["The start date is after the end date."];
  if (fieldErrors.from || fieldErrors.to) return { ok: false, fieldErrors };
  return { ok: true, range: { from: start, toExclusive: end ? new Date(end.getTime() + 86_400_000) : null } };
}

export function encodeCursor(at: string, id: string): string {
  return `${at}~${id}`;
}

export function decodeCursor(value: string): { at: string; id: string } {
  const split = value.indexOf("~");
  return { at: value.slice(0, split), id: value.slice(split + 1) };
}

// ── the timeline's "older" link ──

export const TIMELINE_PAGE_SIZE = 30;
export const TIMELINE_SOURCES = ["order", "posting", "membership", "referral", "redemption", "email", "tier", "audit"] as const;
export type TimelineSource = (typeof TIMELINE_SOURCES)[number];
const TIMELINE_CURSOR_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z~[a-z]{1,20}~[A-Za-z0-9:_-]{1,100}$/;

/** (at, source, id) of the last item shown: the next page starts strictly after it. */
export const timelineCursorSchema = z.preprocess(one, z.string().regex(TIMELINE_CURSOR_RE).optional()).catch(undefined);

export function decodeTimelineCursor(value: string): { at: string; source: string; id: string } {
  const [at, source, ...rest] = value.split("~");
  return { at, source, id: rest.join("~") };
}

// ── manual points adjustment ──

export const ADJUSTMENT_REASONS = ["goodwill", "correction", "service_recovery", "migration", "other"] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

export const ADJUSTMENT_REASON_LABELS: Record<AdjustmentReason, string> = {
  goodwill: "Goodwill gesture",
  correction: "Correction of an error",
  service_recovery: "Service recovery (something went wrong)",
  migration: "Migration from a previous program",
  other: "Other (explain in the note)",
};

export const MAX_ADJUSTMENT_POINTS = 1_000_000;

const blankAsMissing = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const adjustPointsSchema = z.object({
  customerId: z.uuid({ error: "Open the member's profile and try again." }),
  points: z.preprocess(
    blankAsMissing,
    z.coerce
      .number({ error: "Enter the points: positive to add, negative to take away." })
      .int({ error: "Use whole points, like 250 or -120." })
      .min(-MAX_ADJUSTMENT_POINTS, { error: `At most ${MAX_ADJUSTMENT_POINTS.toLocaleString("en-US")} points at a time.` })
      .max(MAX_ADJUSTMENT_POINTS, { error: `At most ${MAX_ADJUSTMENT_POINTS.toLocaleString("en-US")} points at a time.` })
      .refine((v) => v !== 0, { error: "Enter a number other than 0." }),
  ),
  reasonCode: z.enum(ADJUSTMENT_REASONS, { error: "Choose a reason." }),
  /** The member reads it in their points history, after "Adjustment by the Cairn team:". */
  note: z
    .string({ error: "Write a short note for the member." })
    .trim()
    .min(3, { error: "Write a short note for the member (at least 3 characters)." })
    .max(200, { error: "Keep the note under 200 characters." }),
  /** One per form render: a double submit (or a retry) posts once. */
  idempotencyKey: z.uuid({ error: "Reload the page and try again." }),
});
export type AdjustPointsInput = z.infer<typeof adjustPointsSchema>;

// ── complimentary membership ──

export const MAX_COMP_DAYS = 3660;

export const grantCompSchema = z.object({
  userId: z.string().trim().min(1).max(100),
  planId: z.string({ error: "Choose a plan." }).trim().regex(/^[a-z0-9_]{1,64}$/, { error: "Choose a plan." }),
  /** The last day of the membership (YYYY-MM-DD): benefits last through the end of that day, UTC. */
  until: z
    .string({ error: "Choose the last day." })
    .trim()
    .refine((v) => utcDay(v) !== null, { error: "Choose the last day, like 2026-12-31." })
    .transform((v) => new Date(utcDay(v)!.getTime() + 86_400_000 - 1)),
  reason: z.string({ error: "Say why, for the audit log." }).trim().min(3, { error: "Say why, for the audit log." }).max(500),
});
export type GrantCompInput = z.infer<typeof grantCompSchema>;

export const revokeCompSchema = z.object({
  membershipId: z.uuid({ error: "Reload the page and try again." }),
  reason: z.string({ error: "Say why, for the audit log." }).trim().min(3, { error: "Say why, for the audit log." }).max(500),
});
export type RevokeCompInput = z.infer<typeof revokeCompSchema>;

// ── sign-in link ──

export const sendSignInLinkSchema = z.object({ userId: z.string().trim().min(1).max(100) });

/** What the member reads in their points history for an adjustment, in words. */
export function adjustmentMemo(note: string, programName = "Cairn"): string {
  return `Adjustment by the ${programName} team: ${note.trim()}`;
}
