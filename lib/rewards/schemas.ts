import { z } from "zod";
import type { DiscountConfig, Reward } from "@/db/schema";
import { centsToDollars, dollarsToCents } from "@/lib/billing/plan-schemas";

/**
 * The admin catalog's forms (rewards and experience sessions), shared by the forms, the actions
 * and the tests (STYLE 3). FormData arrives as strings and is coerced here on purpose: blank means
 * "not set", never zero. Rules that need the database (slug taken, seats already booked, tier
 * exists) live in lib/rewards/admin.ts and come back as field errors with the same keys.
 */

export const REWARD_KINDS = ["discount", "product", "service", "donation", "experience"] as const;
export const REWARD_STATUSES = ["draft", "active", "archived"] as const;
export const SESSION_MODES = ["first_come", "draw"] as const;
export const DISCOUNT_TYPES = ["amount", "percent"] as const;

export const KIND_LABELS: Record<Reward["kind"], string> = {
  discount: "Discount code",
  product: "Product (shipped)",
  service: "Service or customisation",
  donation: "Donation",
  experience: "Experience (sessions)",
};
export const STATUS_LABELS: Record<Reward["status"], string> = { draft: "Draft", active: "Active", archived: "Archived" };
export const MODE_LABELS: Record<(typeof SESSION_MODES)[number], string> = { first_come: "First come, first served", draw: "Fair draw" };

/** Uploaded images: checked against the bytes (see lib/rewards/images.ts), never the file name. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const MAX_IMAGE_WIDTH = 1200;
export const IMAGE_TOO_LARGE = "The image is larger than 2 MB. Export it smaller and upload it again.";

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const WALL_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "Sunrise kayak tour!" → "sunrise-kayak-tour" (accents dropped, at most 80 characters). */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (DST included). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * "2026-07-01T06:00" read on the wall clock of `timeZone` → the instant. Null for a malformed or
 * impossible date (Feb 30). In a DST gap the clock time is shifted forward, as calendars do.
 */
export function wallTimeToDate(local: string, timeZone = "UTC"): Date | null {
  const m = WALL_TIME_RE.exec(local.trim());
  if (!m || !isValidTimeZone(timeZone)) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0));
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(naive);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  // Two passes: the offset at the first guess may differ from the offset at the answer across a DST change.
  const guess = naive - zoneOffsetMs(naive, timeZone);
  return new Date(naive - zoneOffsetMs(guess, timeZone));
}

/** The instant as the zone's wall clock, in the format a datetime-local input takes. */
export function dateToWallTime(date: Date | null | undefined, timeZone = "UTC"): string {
  if (!date) return "";
  const shifted = new Date(date.getTime() + zoneOffsetMs(date.getTime(), isValidTimeZone(timeZone) ? timeZone : "UTC"));
  return shifted.toISOString().slice(0, 16);
}

// ── field helpers ────────────────────────────────────────────────────────────

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

function wholeNumber(message: string, min: number, minMessage: string, max = 1_000_000_000) {
  return z.coerce
    .number({ error: message })
    .refine(Number.isFinite, { error: message })
    .pipe(z.number().int({ error: message }).min(min, { error: minMessage }).max(max, { error: `At most ${max.toLocaleString("en-US")}.` }));
}

const required = <S extends z.ZodType>(schema: S) => z.preprocess(blankToUndefined, schema);
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(blankToUndefined, schema.optional());

const optionalText = (max: number, label: string) =>
  optional(z.string().trim().max(max, { error: `Keep the ${label} under ${max} characters.` })).transform((v) => (v ? v : null));

const httpsUrl = (message: string) =>
  z
    .string()
    .trim()
    .max(2000, { error: "That link is too long." })
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === "https:" && !!url.hostname;
      } catch {
        return false;
      }
    }, { error: message });

/** A date typed in a datetime-local input (UTC for publish dates), or a Date from a direct caller. */
const utcDateTime = optional(
  z.union([z.date(), z.string()]).transform((value, ctx) => {
    if (value instanceof Date) return value;
    const date = wallTimeToDate(value, "UTC");
    if (!date) {
      ctx.addIssue({ code: "custom", message: "Enter a date and time, like 2026-07-01 09:00." });
      return z.NEVER;
    }
    return date;
  }),
).transform((v) => v ?? null);

/** A wall-clock time, converted once the session's time zone is known (see sessionFields). */
const WALL_TIME_MESSAGE = "Enter a date and time, like 2026-07-01 09:00.";
const wallTime = z.union([z.date(), z.string().trim().regex(WALL_TIME_RE, { error: WALL_TIME_MESSAGE })], { error: WALL_TIME_MESSAGE });

const tierChoice = optional(z.string().trim().regex(/^[a-z0-9_-]{1,40}$/, { error: "Choose a tier." })).transform((v) => (!v || v === "none" ? null : v));

const reason = z.string({ error: "Say why you are making this change; it is kept in the audit log." }).trim().min(3, { error: "Say why you are making this change; it is kept in the audit log." }).max(500, { error: "Keep the reason under 500 characters." });

/** An empty file input still sends a nameless, empty File: that is "no upload". */
const imageFile = z.preprocess(
  (value) => (value instanceof Blob && value.size === 0 ? undefined : blankToUndefined(value)),
  z
    .instanceof(Blob, { error: "Upload a PNG, JPEG or WebP image." })
    .refine((file) => file.size <= MAX_IMAGE_BYTES, { error: IMAGE_TOO_LARGE })
    .optional(),
);

// ── rewards ──────────────────────────────────────────────────────────────────

const rewardFields = z.object({
  title: z.string({ error: "Give the reward a title." }).trim().min(1, { error: "Give the reward a title." }).max(120, { error: "Keep the title under 120 characters." }),
  slug: optional(z.string().trim().toLowerCase().max(80, { error: "Keep the slug under 80 characters." }).regex(SLUG_RE, { error: "Use lowercase letters, digits and single hyphens, like sunrise-kayak-tour." })),
  description: z.string().max(20_000, { error: "Keep the description under 20,000 characters." }).default("").transform((v) => v.trim()),
  kind: z.enum(REWARD_KINDS, { error: "Choose what kind of reward this is." }),
  status: z.enum(REWARD_STATUSES, { error: "Choose draft, active or archived." }).default("draft"),
  pointsCost: required(wholeNumber("Enter the cost as a whole number of points.", 1, "The cost must be at least 1 point.", 10_000_000)),
  stock: optional(wholeNumber("Enter the stock as a whole number, or leave it empty for unlimited.", 0, "Stock can't be negative.")).transform((v) => v ?? null),
  perMemberLimit: optional(wholeNumber("Enter a whole number, or leave it empty for no limit.", 1, "The limit is at least 1 (leave it empty for no limit).")).transform((v) => v ?? null),
  publishAt: utcDateTime,
  unpublishAt: utcDateTime,
  minTier: tierChoice,
  paidMembersOnly: checkbox,
  earlyAccessDays: optional(wholeNumber("Enter whole days (0 for none).", 0, "Early access can't be negative.", 365)).transform((v) => v ?? 0),
  earlyAccessTier: tierChoice,
  category: optionalText(60, "category"),
  sortOrder: optional(z.coerce.number({ error: "Enter a whole number." }).int({ error: "Enter a whole number." }).min(-100_000).max(100_000)).transform((v) => v ?? 0),
  discountType: optional(z.enum(DISCOUNT_TYPES, { error: "Choose an amount or a percentage." })),
  discountValue: optional(z.union([z.string(), z.number()])),
  discountExpiresInDays: optional(wholeNumber("Enter whole days, or leave it empty for no expiry.", 1, "A code lasts at least 1 day.", 3650)).transform((v) => v ?? null),
  stripePromotion: checkbox,
  cause: optionalText(200, "cause"),
  imageUrl: optional(httpsUrl("Enter an https:// address of an image, or upload a file instead.")).transform((v) => v ?? null),
  image: imageFile,
  removeImage: checkbox,
  reason: optional(reason),
});

type RewardFields = z.output<typeof rewardFields>;

/** The columns the form sets; the image is handled apart (it must be checked and resized first). */
export type RewardValues = Pick<
  Reward,
  "slug" | "title" | "description" | "kind" | "status" | "pointsCost" | "stock" | "perMemberLimit" | "publishAt" | "unpublishAt" | "minTierId" | "paidMembersOnly" | "earlyAccessDays" | "earlyAccessTierId" | "category" | "sortOrder" | "discount" | "cause" | "imageUrl"
>;

function toRewardValues(f: RewardFields, ctx: z.core.$RefinementCtx): { values: RewardValues; image: Blob | undefined; removeImage: boolean; reason: string | undefined } {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", message, path: [path] });
  const slug = f.slug ?? slugify(f.title);
  if (!slug) issue("slug", "Enter a slug: the title has no letters or digits to make one from.");
  if (f.publishAt && f.unpublishAt && f.unpublishAt <= f.publishAt) issue("unpublishAt", "The unpublish date must be after the publish date.");
  if (f.earlyAccessDays > 0 && !f.publishAt) issue("earlyAccessDays", "Early access needs a publish date to count back from.");
  if (f.earlyAccessDays > 0 && !f.earlyAccessTier) issue("earlyAccessTier", "Choose which tier gets early access.");
  if (f.image && f.imageUrl) issue("imageUrl", "Upload a file or give a link, not both.");

  let discount: DiscountConfig | null = null;
  if (f.kind === "discount") {
    if (!f.discountType) issue("discountType", "Choose an amount or a percentage.");
    const raw = f.discountValue === undefined ? "" : String(f.discountValue).trim();
    let value: number | null = null;
    if (f.discountType === "amount") {
      value = dollarsToCents(raw);
      if (value === null || value <= 0) issue("discountValue", "Enter the amount off in dollars, like 10.00.");
    } else if (f.discountType === "percent") {
      value = /^\d+$/.test(raw) ? Number(raw) : null;
      if (value === null || value < 1 || value > 100) issue("discountValue", "Enter a whole percent from 1 to 100.");
    }
    if (f.discountType && value !== null) discount = { type: f.discountType, value, expiresInDays: f.discountExpiresInDays, stripePromotion: f.stripePromotion };
  }
  if (f.kind === "donation" && !f.cause) issue("cause", "Say which cause the points go to.");

  return {
    values: {
      slug,
      title: f.title,
      description: f.description,
      kind: f.kind,
      status: f.status,
      pointsCost: f.pointsCost,
      stock: f.stock,
      perMemberLimit: f.perMemberLimit,
      publishAt: f.publishAt,
      unpublishAt: f.unpublishAt,
      minTierId: f.minTier,
      paidMembersOnly: f.paidMembersOnly,
      earlyAccessDays: f.earlyAccessDays,
      earlyAccessTierId: f.earlyAccessDays > 0 ? f.earlyAccessTier : null,
      category: f.category,
      sortOrder: f.sortOrder,
      discount,
      cause: f.kind === "donation" ? f.cause : null,
      imageUrl: f.imageUrl,
    },
    image: f.image,
    removeImage: f.removeImage,
    reason: f.reason,
  };
}

export const rewardCreateSchema = rewardFields.transform((f, ctx) => {
  const out = toRewardValues(f, ctx);
  return { ...out, reason: out.reason ?? "Created in the admin" };
});

export const rewardUpdateSchema = rewardFields.extend({ id: z.uuid({ error: "Unknown reward." }), reason }).transform((f, ctx) => ({ id: f.id, ...toRewardValues(f, ctx), reason: f.reason }));

export const rewardArchiveSchema = z.object({ id: z.uuid({ error: "Unknown reward." }), reason });

export type RewardCreateInput = z.input<typeof rewardCreateSchema>;
export type RewardCreate = z.output<typeof rewardCreateSchema>;
export type RewardUpdateInput = z.input<typeof rewardUpdateSchema>;
export type RewardUpdate = z.output<typeof rewardUpdateSchema>;

/** A stored reward as the form's strings (what the edit form starts with). */
export function rewardFormValues(reward: Reward): Record<string, string> {
  const d = reward.discount;
  return {
    title: reward.title,
    slug: reward.slug,
    description: reward.description,
    kind: reward.kind,
    status: reward.status,
    pointsCost: String(reward.pointsCost),
    stock: reward.stock === null ? "" : String(reward.stock),
    perMemberLimit: reward.perMemberLimit === null ? "" : String(reward.perMemberLimit),
    publishAt: dateToWallTime(reward.publishAt),
    unpublishAt: dateToWallTime(reward.unpublishAt),
    minTier: reward.minTierId ?? "none",
    paidMembersOnly: reward.paidMembersOnly ? "on" : "",
    earlyAccessDays: String(reward.earlyAccessDays),
    earlyAccessTier: reward.earlyAccessTierId ?? "none",
    category: reward.category ?? "",
    sortOrder: String(reward.sortOrder),
    discountType: d?.type ?? "amount",
    discountValue: d ? (d.type === "amount" ? centsToDollars(d.value) : String(d.value)) : "",
    discountExpiresInDays: d?.expiresInDays ? String(d.expiresInDays) : "",
    stripePromotion: d?.stripePromotion ? "on" : "",
    cause: reward.cause ?? "",
    imageUrl: reward.imageUrl ?? "",
  };
}

// ── experience sessions ──────────────────────────────────────────────────────

const sessionFields = z.object({
  rewardId: z.uuid({ error: "Unknown reward." }),
  startsAt: required(wallTime),
  endsAt: required(wallTime),
  timeZone: z.string({ error: "Enter a time zone, like Europe/London." }).trim().refine(isValidTimeZone, { error: "Enter a time zone by its IANA name, like Europe/London or America/New_York." }),
  location: optionalText(200, "location"),
  onlineUrl: optional(httpsUrl("Enter the online link as an https:// address.")).transform((v) => v ?? null),
  capacity: required(wholeNumber("Enter the capacity as a whole number of seats.", 1, "A session has at least 1 seat.", 100_000)),
  perMemberLimit: optional(wholeNumber("Enter a whole number of seats.", 1, "A member can book at least 1 seat.", 100)).transform((v) => v ?? 1),
  cutoffHours: optional(wholeNumber("Enter whole hours (0 for no cut-off).", 0, "The cut-off can't be negative.", 24 * 60)).transform((v) => v ?? 24),
  pointsCost: optional(wholeNumber("Enter a whole number of points, or leave it empty to use the reward's cost.", 1, "The cost must be at least 1 point.", 10_000_000)).transform((v) => v ?? null),
  mode: z.enum(SESSION_MODES, { error: "Choose first come or a fair draw." }).default("first_come"),
  drawOpensAt: optional(wallTime),
  drawClosesAt: optional(wallTime),
  reason: optional(reason),
});

type SessionFields = z.output<typeof sessionFields>;

export type SessionValues = {
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  location: string | null;
  onlineUrl: string | null;
  capacity: number;
  perMemberLimit: number;
  cutoffHours: number;
  pointsCost: number | null;
  mode: (typeof SESSION_MODES)[number];
  drawOpensAt: Date | null;
  drawClosesAt: Date | null;
};

function toSessionValues(f: SessionFields, ctx: z.core.$RefinementCtx): { rewardId: string; values: SessionValues; reason: string | undefined } {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", message, path: [path] });
  const at = (value: Date | string | undefined, path: string): Date | null => {
    if (value === undefined) return null;
    if (value instanceof Date) return value;
    const date = wallTimeToDate(value, f.timeZone);
    if (!date) issue(path, "That date doesn't exist. Check the day and month.");
    return date;
  };
  const startsAt = at(f.startsAt, "startsAt");
  const endsAt = at(f.endsAt, "endsAt");
  if (startsAt && endsAt && endsAt <= startsAt) issue("endsAt", "The session must end after it starts.");
  if (!f.location && !f.onlineUrl) issue("location", "Give a location, an online link, or both.");

  let drawOpensAt: Date | null = null;
  let drawClosesAt: Date | null = null;
  if (f.mode === "draw") {
    drawOpensAt = at(f.drawOpensAt, "drawOpensAt");
    drawClosesAt = at(f.drawClosesAt, "drawClosesAt");
    if (f.drawOpensAt === undefined) issue("drawOpensAt", "Say when entries to the draw open.");
    if (f.drawClosesAt === undefined) issue("drawClosesAt", "Say when entries to the draw close.");
    if (drawOpensAt && drawClosesAt && drawClosesAt <= drawOpensAt) issue("drawClosesAt", "Entries must close after they open.");
    if (drawClosesAt && startsAt && drawClosesAt >= startsAt) issue("drawClosesAt", "Entries must close before the session starts.");
  }
  return {
    rewardId: f.rewardId,
    values: {
      startsAt: startsAt as Date,
      endsAt: endsAt as Date,
      timeZone: f.timeZone,
      location: f.location,
      onlineUrl: f.onlineUrl,
      capacity: f.capacity,
      perMemberLimit: f.perMemberLimit,
      cutoffHours: f.cutoffHours,
      pointsCost: f.pointsCost,
      mode: f.mode,
      drawOpensAt,
      drawClosesAt,
    },
    reason: f.reason,
  };
}

export const sessionCreateSchema = sessionFields.transform((f, ctx) => {
  const out = toSessionValues(f, ctx);
  return { ...out, reason: out.reason ?? "Created in the admin" };
});

export const sessionUpdateSchema = sessionFields.extend({ id: z.uuid({ error: "Unknown session." }), reason }).transform((f, ctx) => ({ id: f.id, ...toSessionValues(f, ctx), reason: f.reason }));

export const sessionCancelSchema = z.object({ id: z.uuid({ error: "Unknown session." }), reason });

export type SessionCreateInput = z.input<typeof sessionCreateSchema>;
export type SessionCreate = z.output<typeof sessionCreateSchema>;
export type SessionUpdateInput = z.input<typeof sessionUpdateSchema>;
export type SessionUpdate = z.output<typeof sessionUpdateSchema>;
