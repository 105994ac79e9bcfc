import "server-only";
import { and, asc, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { auditLog, drawEntries, experienceSessions, redemptions, rewards, tiers, type ExperienceSession, type Reward } from "@/db/schema";
import { ActionError, type FieldErrors } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { ImageError, prepareRewardImage, storeRewardImage, type PreparedImage } from "./images";
import type { RewardCreate, RewardUpdate, RewardValues, SessionCreate, SessionUpdate, SessionValues } from "./schemas";

/**
 * The admin side of the catalog: rewards and experience sessions are created and edited here,
 * each change and its audit row in one transaction (DESIGN invariant 8). Refusals are ActionErrors
 * with field errors keyed like the form, thrown before anything is written or inside the
 * transaction, so a refused change leaves no row and no audit entry (invariant 9).
 */

const invalid = (fieldErrors: FieldErrors, message = "Please correct the highlighted fields.") => new ActionError(message, "invalid_input", fieldErrors);
const notFound = (what: string) => new ActionError(`That ${what} doesn't exist any more. Go back to the rewards list.`, "not_found");

// ── reading ──────────────────────────────────────────────────────────────────

export type AdminRewardRow = Reward & { sessions: number; redeemed: number };

/** Every reward, archived last, in catalog order. */
export async function listRewardsForAdmin(): Promise<AdminRewardRow[]> {
  const rows = await db
    .select()
    .from(rewards)
    .orderBy(sql`case ${rewards.status} when 'active' then 0 when 'draft' then 1 else 2 end`, asc(rewards.sortOrder), asc(rewards.title));
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [sessionCounts, redemptionCounts] = await Promise.all([
    db.select({ rewardId: experienceSessions.rewardId, n: count() }).from(experienceSessions).where(and(inArray(experienceSessions.rewardId, ids), eq(experienceSessions.status, "scheduled"))).groupBy(experienceSessions.rewardId),
    db.select({ rewardId: redemptions.rewardId, n: count() }).from(redemptions).where(and(inArray(redemptions.rewardId, ids), ne(redemptions.status, "cancelled"))).groupBy(redemptions.rewardId),
  ]);
  const sessionsBy = new Map(sessionCounts.map((r) => [r.rewardId, r.n]));
  const redeemedBy = new Map(redemptionCounts.map((r) => [r.rewardId, r.n]));
  return rows.map((r) => ({ ...r, sessions: sessionsBy.get(r.id) ?? 0, redeemed: redeemedBy.get(r.id) ?? 0 }));
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findReward(id: string): Promise<Reward | null> {
  if (!UUID_RE.test(id)) return null;
  const [reward] = await db.select().from(rewards).where(eq(rewards.id, id));
  return reward ?? null;
}

/** An experience's sessions, soonest first (cancelled ones included, for the record). */
export async function listSessionsForAdmin(rewardId: string): Promise<ExperienceSession[]> {
  if (!UUID_RE.test(rewardId)) return [];
  return db.select().from(experienceSessions).where(eq(experienceSessions.rewardId, rewardId)).orderBy(asc(experienceSessions.startsAt));
}

export async function findSession(id: string): Promise<ExperienceSession | null> {
  if (!UUID_RE.test(id)) return null;
  const [session] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, id));
  return session ?? null;
}

/** The tiers an admin can gate on, lowest first. */
export async function listTierChoices(): Promise<{ id: string; name: string }[]> {
  return db.select({ id: tiers.id, name: tiers.name }).from(tiers).orderBy(asc(tiers.sortOrder));
}

/** Recent audit entries for one reward and its sessions, for its edit page. */
export async function rewardHistory(rewardId: string, limit = 10) {
  const sessionIds = (await listSessionsForAdmin(rewardId)).map((s) => s.id);
  return db
    .select()
    .from(auditLog)
    .where(sql`(${auditLog.entityType} = 'reward' and ${auditLog.entityId} = ${rewardId})${sessionIds.length ? sql` or (${auditLog.entityType} = 'session' and ${inArray(auditLog.entityId, sessionIds)})` : sql``}`)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}

// ── rewards ──────────────────────────────────────────────────────────────────

const isUniqueViolation = (error: unknown, constraint: string) => {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: string; constraint?: string; message?: string };
    if (pg.code === "23505" && (pg.constraint === constraint || pg.message?.includes(constraint))) return true;
  }
  return false;
};

const SLUG_TAKEN = (slug: string) => invalid({ slug: [`The slug “${slug}” is already used by another reward. Choose another.`] });

async function prepareUpload(image: Blob | undefined): Promise<PreparedImage | null> {
  if (!image) return null;
  try {
    return await prepareRewardImage(image);
  } catch (error) {
    if (error instanceof ImageError) throw invalid({ image: [error.message] });
    throw error;
  }
}

/** Rules that need the database: the slug is free, the tiers exist. */
async function checkRewardRules(tx: Tx, values: RewardValues, exceptId: string | null): Promise<void> {
  const errors: FieldErrors = {};
  const [taken] = await tx
    .select({ id: rewards.id })
    .from(rewards)
    .where(exceptId ? and(eq(rewards.slug, values.slug), ne(rewards.id, exceptId)) : eq(rewards.slug, values.slug));
  if (taken) errors.slug = [`The slug “${values.slug}” is already used by another reward. Choose another.`];
  const wanted = [values.minTierId, values.earlyAccessTierId].filter((t): t is string => !!t);
  if (wanted.length) {
    const known = new Set((await tx.select({ id: tiers.id }).from(tiers).where(inArray(tiers.id, wanted))).map((t) => t.id));
    if (values.minTierId && !known.has(values.minTierId)) errors.minTier = ["Choose one of the program's tiers."];
    if (values.earlyAccessTierId && !known.has(values.earlyAccessTierId)) errors.earlyAccessTier = ["Choose one of the program's tiers."];
  }
  if (Object.keys(errors).length) throw invalid(errors);
}

const REWARD_FIELDS = [
  "slug",
  "title",
  "description",
  "kind",
  "status",
  "pointsCost",
  "stock",
  "perMemberLimit",
  "publishAt",
  "unpublishAt",
  "minTierId",
  "paidMembersOnly",
  "earlyAccessDays",
  "earlyAccessTierId",
  "category",
  "sortOrder",
  "discount",
  "cause",
  "imageId",
  "imageUrl",
] as const satisfies (keyof Reward)[];
type RewardField = (typeof REWARD_FIELDS)[number];

/** Dates by instant, jsonb by value (Postgres returns its keys in its own order). */
function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same((a as Record<string, unknown>)[k] ?? null, (b as Record<string, unknown>)[k] ?? null));
  }
  return (a ?? null) === (b ?? null);
}

function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, row[k]])) as unknown as Partial<T>;
}

/** Creates a reward (and its uploaded image) with a "reward.created" audit row. */
export async function createReward(actorId: string, input: RewardCreate): Promise<Reward> {
  const upload = await prepareUpload(input.image);
  try {
    return await db.transaction(async (tx) => {
      await checkRewardRules(tx, input.values, null);
      const imageId = upload ? await storeRewardImage(tx, upload) : null;
      const [reward] = await tx
        .insert(rewards)
        .values({ ...input.values, imageId, imageUrl: upload ? null : input.values.imageUrl })
        .returning();
      await writeAudit(tx, { actorId, action: "reward.created", entityType: "reward", entityId: reward.id, before: null, after: pick(reward, REWARD_FIELDS), reason: input.reason });
      return reward;
    });
  } catch (error) {
    // Two admins choosing one slug at the same moment: the unique index decides.
    if (isUniqueViolation(error, "rewards_slug_unique")) throw SLUG_TAKEN(input.values.slug);
    throw error;
  }
}

export type UpdateRewardResult = { reward: Reward; changed: RewardField[] };

/**
 * Saves an edit. The row is locked so two admins' edits are recorded one after the other; only
 * changed fields go into the audit row; a form saved unchanged writes nothing. The kind is fixed
 * at creation (sessions, codes and fulfilment depend on it).
 */
export async function updateReward(actorId: string, input: RewardUpdate): Promise<UpdateRewardResult> {
  const upload = await prepareUpload(input.image);
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(rewards).where(eq(rewards.id, input.id)).for("update");
      if (!before) throw notFound("reward");
      if (input.values.kind !== before.kind) throw invalid({ kind: ["The kind of a reward can't change after it is created: create a new reward instead."] });
      await checkRewardRules(tx, input.values, before.id);

      const { imageUrl } = input.values;
      const next: Pick<Reward, RewardField> = {
        ...input.values,
        imageId: upload ? null : input.removeImage || imageUrl ? null : before.imageId,
        imageUrl: upload || input.removeImage ? null : imageUrl,
      };
      if (upload) next.imageId = await storeRewardImage(tx, upload);
      const changed = REWARD_FIELDS.filter((field) => !same(before[field], next[field]));
      if (!changed.length) return { reward: before, changed };

      const [reward] = await tx
        .update(rewards)
        .set({ ...pick(next, changed), updatedAt: new Date() })
        .where(eq(rewards.id, before.id))
        .returning();
      await writeAudit(tx, { actorId, action: "reward.updated", entityType: "reward", entityId: reward.id, before: pick(before, changed), after: pick(reward, changed), reason: input.reason });
      return { reward, changed };
    });
  } catch (error) {
    if (isUniqueViolation(error, "rewards_slug_unique")) throw SLUG_TAKEN(input.values.slug);
    throw error;
  }
}

/** Takes a reward out of the catalog (redemptions already made stay valid), audited as an update. */
export async function archiveReward(actorId: string, input: { id: string; reason: string }): Promise<Reward> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(rewards).where(eq(rewards.id, input.id)).for("update");
    if (!before) throw notFound("reward");
    if (before.status === "archived") return before;
    const [reward] = await tx.update(rewards).set({ status: "archived", updatedAt: new Date() }).where(eq(rewards.id, before.id)).returning();
    await writeAudit(tx, { actorId, action: "reward.updated", entityType: "reward", entityId: reward.id, before: { status: before.status }, after: { status: "archived" }, reason: input.reason });
    return reward;
  });
}

// ── experience sessions ──────────────────────────────────────────────────────

const SESSION_FIELDS = ["startsAt", "endsAt", "timeZone", "location", "onlineUrl", "capacity", "perMemberLimit", "cutoffHours", "pointsCost", "mode", "drawOpensAt", "drawClosesAt"] as const satisfies (keyof SessionValues & keyof ExperienceSession)[];
type SessionField = (typeof SESSION_FIELDS)[number];

async function lockExperience(tx: Tx, rewardId: string): Promise<Reward> {
  // FOR SHARE: the reward can't change kind or vanish while its session is written.
  const [reward] = await tx.select().from(rewards).where(eq(rewards.id, rewardId)).for("share");
  if (!reward) throw notFound("reward");
  if (reward.kind !== "experience") throw new ActionError("Only experiences have sessions.", "invalid_input");
  return reward;
}

/** Adds a session to an experience, with a "session.created" audit row. */
export async function createSession(actorId: string, input: SessionCreate): Promise<ExperienceSession> {
  return db.transaction(async (tx) => {
    await lockExperience(tx, input.rewardId);
    const [session] = await tx
      .insert(experienceSessions)
      .values({ rewardId: input.rewardId, ...input.values })
      .returning();
    await writeAudit(tx, { actorId, action: "session.created", entityType: "session", entityId: session.id, before: null, after: { rewardId: session.rewardId, ...pick(session, SESSION_FIELDS) }, reason: input.reason });
    return session;
  });
}

export type UpdateSessionResult = { session: ExperienceSession; changed: SessionField[] };

/**
 * Edits a session. The row is locked (FOR UPDATE), so a booking in flight either lands before the
 * capacity check sees it or waits and then meets the new capacity: the capacity never drops
 * below the seats booked (the table's CHECK is the last word, DESIGN invariant 6).
 */
export async function updateSession(actorId: string, input: SessionUpdate): Promise<UpdateSessionResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(experienceSessions).where(eq(experienceSessions.id, input.id)).for("update");
    if (!before || before.rewardId !== input.rewardId) throw notFound("session");
    if (before.status === "cancelled") throw new ActionError("This session was cancelled and can't be edited. Add a new session instead.", "invalid_input");
    await lockExperience(tx, before.rewardId);

    const next = input.values;
    const errors: FieldErrors = {};
    if (next.capacity < before.booked) {
      errors.capacity = [`${before.booked} ${before.booked === 1 ? "seat is" : "seats are"} already booked: the capacity can't be lower than ${before.booked}.`];
    }
    const drawChanged = !same(before.mode, next.mode) || !same(before.drawOpensAt, next.drawOpensAt) || !same(before.drawClosesAt, next.drawClosesAt);
    if (before.drawnAt && drawChanged) errors.mode = ["The draw has already been run: its mode and entry window can't change."];
    else if (before.mode === "first_come" && next.mode === "draw" && before.booked > 0) errors.mode = ["Members have already booked seats first come: this session can't switch to a draw."];
    if (Object.keys(errors).length) throw invalid(errors);

    const changed = SESSION_FIELDS.filter((field) => !same(before[field], next[field]));
    if (!changed.length) return { session: before, changed };
    const [session] = await tx.update(experienceSessions).set(pick(next, changed)).where(eq(experienceSessions.id, before.id)).returning();
    await writeAudit(tx, { actorId, action: "session.updated", entityType: "session", entityId: session.id, before: pick(before, changed), after: pick(session, changed), reason: input.reason });
    return { session, changed };
  });
}

/**
 * Cancels a session nobody has booked or entered yet (a draft, or a mistake). A session with
 * bookings or draw entries is cancelled from operations, which also refunds the members.
 */
export async function cancelDraftSession(actorId: string, input: { id: string; reason: string }): Promise<ExperienceSession> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(experienceSessions).where(eq(experienceSessions.id, input.id)).for("update");
    if (!before) throw notFound("session");
    if (before.status === "cancelled") return before;
    const [{ n: entries }] = await tx.select({ n: count() }).from(drawEntries).where(eq(drawEntries.sessionId, before.id));
    const [{ n: live }] = await tx.select({ n: count() }).from(redemptions).where(and(eq(redemptions.sessionId, before.id), ne(redemptions.status, "cancelled")));
    if (before.booked > 0 || live > 0 || entries > 0) {
      throw new ActionError("Members have booked or entered this session. Cancel it from the session's operations page, which refunds their points and tells them.", "conflict");
    }
    const [session] = await tx.update(experienceSessions).set({ status: "cancelled" }).where(eq(experienceSessions.id, before.id)).returning();
    await writeAudit(tx, { actorId, action: "session.updated", entityType: "session", entityId: session.id, before: { status: before.status }, after: { status: "cancelled" }, reason: input.reason });
    return session;
  });
}
