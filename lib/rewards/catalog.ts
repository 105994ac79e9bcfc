import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import {
  drawEntries,
  experienceSessions,
  redemptions,
  rewardKind,
  rewards,
  tickets,
  waitlistEntries,
  type ExperienceSession,
  type Redemption,
  type Reward,
  type Ticket,
} from "@/db/schema";
import { formatMoney, formatPoints } from "@/lib/format";
import { getBalance } from "@/lib/ledger/balances";
import { listTiers, tierProgress, type TierInfo } from "@/lib/tiers/tiers";
import { memberStanding, rewardAvailability, type MemberStanding } from "./access";

/**
 * What members (and visitors) read: the catalog with its locked states, a reward with its sessions,
 * a member's redemptions. The lock comes from the same `rewardAvailability` the server enforces in
 * `redeem`, so the page never promises what the server would refuse.
 */

export const REWARD_KINDS = rewardKind.enumValues;
export type RewardKind = (typeof REWARD_KINDS)[number];

export const KIND_LABELS: Record<RewardKind, string> = {
  discount: "Discounts",
  product: "Products",
  service: "Services",
  donation: "Donations",
  experience: "Experiences",
};

/** ?kind=experience&affordable=1&tier=1 — anything unreadable is ignored rather than refused. */
export const catalogFilterSchema = z.object({
  kind: z.enum(REWARD_KINDS).optional().catch(undefined),
  affordable: z
    .literal("1")
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
  tier: z
    .literal("1")
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
});
export type CatalogFilter = z.infer<typeof catalogFilterSchema>;

/** Why a reward can't be redeemed yet, in words, with where to go about it. */
export type RewardLock = {
  kind: "tier" | "paid" | "early" | "ended" | "sold_out" | "no_sessions";
  text: string;
  link?: { href: string; label: string };
};

export type CatalogItem = {
  id: string;
  slug: string;
  title: string;
  kind: RewardKind;
  category: string | null;
  imageSrc: string | null;
  /** The cost, or for experiences the lowest session cost (`costFrom`). */
  cost: number;
  costFrom: boolean;
  lock: RewardLock | null;
  /** Open to this member before everyone else. */
  earlyAccess: boolean;
  /** Members only: what they have and how many more they need (0 when they can afford it). */
  points: { have: number; short: number } | null;
};

export type Viewer = { customerId: string; balance: number; standing: MemberStanding; progress: Awaited<ReturnType<typeof tierProgress>> } | null;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const shortDate = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** Uploaded images are served by the app; an external URL is used as it is. */
export function rewardImageSrc(reward: Pick<Reward, "imageId" | "imageUrl">): string | null {
  return reward.imageUrl ?? (reward.imageId ? `/api/rewards/images/${reward.imageId}` : null);
}

/** "Sat, Nov 28, 2026, 6:00 – 9:00 AM PST": in the session's own time zone, where the member will be. */
export function formatSessionWhen(session: Pick<ExperienceSession, "startsAt" | "endsAt" | "timeZone">): string {
  const options: Intl.DateTimeFormatOptions = { weekday: "short", month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", { ...options, timeZone: session.timeZone });
  } catch {
    format = new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" }); // an unknown zone name: UTC says so
  }
  return format.formatRange(session.startsAt, session.endsAt);
}

export function sessionPlace(session: Pick<ExperienceSession, "location" | "onlineUrl">): string | null {
  return session.location ?? (session.onlineUrl ? "Online" : null);
}

export function formatAddress(address: Record<string, string>): string {
  return [address.name, address.line1, address.line2, [address.postcode, address.city].filter(Boolean).join(" "), address.country].filter(Boolean).join(", ");
}

/** The signed-in member's balance and standing, or null for a visitor. */
export async function getViewer(customerId: string | null, now: Date = new Date()): Promise<Viewer> {
  if (!customerId) return null;
  const [balance, standing, progress] = await Promise.all([getBalance(customerId), memberStanding(db, customerId), tierProgress(customerId, now)]);
  return { customerId, balance: balance.available, standing, progress };
}

const VISITOR: MemberStanding = { tierId: "bronze", tierRank: 0, paid: false };

/** Published now, or inside its early-access window (shown to everyone, locked for those without it). */
function visibleAt(now: Date) {
  return and(
    eq(rewards.status, "active"),
    or(isNull(rewards.unpublishAt), gt(rewards.unpublishAt, now)),
    or(isNull(rewards.publishAt), sql`${rewards.publishAt} - make_interval(days => ${rewards.earlyAccessDays}) <= ${now.toISOString()}::timestamptz`),
  );
}

function lockFor(reward: Reward, viewer: Viewer, tierList: TierInfo[], now: Date): { lock: RewardLock | null; earlyAccess: boolean } {
  const ranks = Object.fromEntries(tierList.map((t) => [t.id, t.sortOrder]));
  const tierName = (id: string | null) => tierList.find((t) => t.id === id)?.name ?? id ?? "";
  const availability = rewardAvailability(reward, viewer?.standing ?? VISITOR, ranks, now);
  const earlyAccess = availability.open && !!reward.publishAt && now < reward.publishAt;
  if (availability.open) return { lock: null, earlyAccess };
  switch (availability.reason) {
    case "ended":
      return { lock: { kind: "ended", text: "No longer available" }, earlyAccess };
    case "tier_locked": {
      const tier = tierList.find((t) => t.id === availability.tierId);
      const name = tierName(availability.tierId);
      const progress = viewer?.progress;
      const needed = tier && progress ? Math.max(0, tier.threshold - progress.qualifyingValue) : null;
      const more = needed ? ` — ${progress?.metric === "spend" ? `${formatMoney(needed)} more spend` : `${needed.toLocaleString("en-US")} more points`} to ${name}` : "";
      return { lock: { kind: "tier", text: `${name} members and above${more}` }, earlyAccess };
    }
    case "members_only":
      return { lock: { kind: "paid", text: "For paid members — ", link: { href: "/pricing", label: "see plans" } }, earlyAccess };
    case "not_published":
    case "early_access": {
      const opensAt = reward.publishAt ?? availability.opensAt ?? now;
      const earlyFrom = reward.earlyAccessDays > 0 ? new Date(opensAt.getTime() - reward.earlyAccessDays * DAY) : null;
      const who = reward.earlyAccessTierId ? `${tierName(reward.earlyAccessTierId)} and paid members` : "Paid members";
      const early = earlyFrom ? `; ${who} from ${shortDate.format(earlyFrom)}` : "";
      return { lock: { kind: "early", text: `Opens to everyone on ${shortDate.format(opensAt)}${early}` }, earlyAccess };
    }
  }
}

type SessionCost = { rewardId: string; cost: number; costs: number };

async function upcomingSessionCosts(rewardIds: string[], now: Date): Promise<Map<string, SessionCost>> {
  if (!rewardIds.length) return new Map();
  const rows = await db
    .select({
      rewardId: experienceSessions.rewardId,
      cost: sql<number>`min(coalesce(${experienceSessions.pointsCost}, ${rewards.pointsCost}))::int`,
      costs: sql<number>`count(distinct coalesce(${experienceSessions.pointsCost}, ${rewards.pointsCost}))::int`,
    })
    .from(experienceSessions)
    .innerJoin(rewards, eq(rewards.id, experienceSessions.rewardId))
    // experience_sessions_reward_idx (reward_id, starts_at)
    .where(and(inArray(experienceSessions.rewardId, rewardIds), eq(experienceSessions.status, "scheduled"), gt(experienceSessions.startsAt, now)))
    .groupBy(experienceSessions.rewardId);
  return new Map(rows.map((r) => [r.rewardId, r]));
}

function toItem(reward: Reward, viewer: Viewer, tierList: TierInfo[], sessionCost: SessionCost | undefined, now: Date): CatalogItem {
  const locked = lockFor(reward, viewer, tierList, now);
  const earlyAccess = locked.earlyAccess;
  let lock = locked.lock;
  const experience = reward.kind === "experience";
  if (!lock && reward.stock === 0) lock = { kind: "sold_out", text: "Sold out" };
  if (!lock && experience && !sessionCost) lock = { kind: "no_sessions", text: "No upcoming dates yet" };
  const cost = experience && sessionCost ? sessionCost.cost : reward.pointsCost;
  return {
    id: reward.id,
    slug: reward.slug,
    title: reward.title,
    kind: reward.kind,
    category: reward.category,
    imageSrc: rewardImageSrc(reward),
    cost,
    costFrom: experience && !!sessionCost && sessionCost.costs > 1,
    lock,
    earlyAccess,
    points: viewer ? { have: viewer.balance, short: Math.max(0, cost - viewer.balance) } : null,
  };
}

/** The catalog: visible rewards in display order, filtered; each with its lock and the member's points line. */
export async function listCatalog({ viewer, filter, now = new Date() }: { viewer: Viewer; filter: CatalogFilter; now?: Date }): Promise<CatalogItem[]> {
  const rows = await db
    .select()
    .from(rewards)
    // rewards_catalog_idx (status, sort_order)
    .where(and(visibleAt(now), filter.kind ? eq(rewards.kind, filter.kind) : undefined))
    .orderBy(asc(rewards.sortOrder), asc(rewards.title));
  const [tierList, costs] = await Promise.all([listTiers(), upcomingSessionCosts(rows.filter((r) => r.kind === "experience").map((r) => r.id), now)]);
  return rows
    .map((reward) => toItem(reward, viewer, tierList, costs.get(reward.id), now))
    .filter((item) => !filter.affordable || (viewer !== null && !item.lock && item.points?.short === 0))
    .filter((item) => !filter.tier || (item.lock?.kind !== "tier" && item.lock?.kind !== "early"));
}

export type MySessionState = {
  /** The member's booking of this session. */
  booking: { redemptionId: string } | null;
  /** `offerLive`: a seat is held for the member and the offer hasn't expired yet. */
  waitlist: { entryId: number; status: "waiting" | "offered"; position: number; offerExpiresAt: Date | null; offerLive: boolean } | null;
  /** Draw sessions: the member has entered the draw; `drawOpen` until entries close. */
  drawEntered: boolean;
};

export type SessionView = {
  id: string;
  mode: ExperienceSession["mode"];
  when: string;
  place: string | null;
  onlineUrl: string | null;
  capacity: number;
  seatsLeft: number;
  cost: number;
  closesAt: Date;
  /** Past the booking cut-off. */
  closed: boolean;
  drawClosesAt: Date | null;
  drawOpen: boolean;
  mine: MySessionState | null;
};

export type RewardDetail = CatalogItem & { description: string; cause: string | null; stock: number | null; sessions: SessionView[] };

/** A visible reward by slug, with its upcoming sessions and, for a member, their booking and waitlist place in each. */
export async function getRewardDetail(slug: string, viewer: Viewer, now: Date = new Date()): Promise<RewardDetail | null> {
  const [reward] = await db.select().from(rewards).where(and(eq(rewards.slug, slug), visibleAt(now)));
  if (!reward) return null;
  const [tierList, costs] = await Promise.all([listTiers(), upcomingSessionCosts(reward.kind === "experience" ? [reward.id] : [], now)]);
  const item = toItem(reward, viewer, tierList, costs.get(reward.id), now);
  const sessionRows =
    reward.kind === "experience"
      ? await db
          .select()
          .from(experienceSessions)
          .where(and(eq(experienceSessions.rewardId, reward.id), eq(experienceSessions.status, "scheduled"), gt(experienceSessions.startsAt, now)))
          .orderBy(asc(experienceSessions.startsAt))
      : [];
  const mine = viewer && sessionRows.length ? await mySessionStates(viewer.customerId, sessionRows.map((s) => s.id), now) : null;
  const sessions = sessionRows.map((s): SessionView => {
    const closesAt = new Date(s.startsAt.getTime() - s.cutoffHours * HOUR);
    return {
      id: s.id,
      mode: s.mode,
      when: formatSessionWhen(s),
      place: sessionPlace(s),
      onlineUrl: s.onlineUrl,
      capacity: s.capacity,
      seatsLeft: Math.max(0, s.capacity - s.booked),
      cost: s.pointsCost ?? reward.pointsCost,
      closesAt,
      closed: now >= closesAt,
      drawClosesAt: s.drawClosesAt,
      drawOpen: s.mode === "draw" && !s.drawnAt && (!s.drawOpensAt || s.drawOpensAt <= now) && now < (s.drawClosesAt ?? closesAt),
      mine: mine ? (mine.get(s.id) ?? { booking: null, waitlist: null, drawEntered: false }) : null,
    };
  });
  return { ...item, description: reward.description, cause: reward.cause, stock: reward.stock, sessions };
}

async function mySessionStates(customerId: string, sessionIds: string[], now: Date): Promise<Map<string, MySessionState>> {
  const [bookings, entries, draws] = await Promise.all([
    db
      .select({ id: redemptions.id, sessionId: redemptions.sessionId })
      .from(redemptions)
      // redemptions_customer_idx (customer_id, reward_id)
      .where(and(eq(redemptions.customerId, customerId), inArray(redemptions.sessionId, sessionIds), ne(redemptions.status, "cancelled")))
      .orderBy(desc(redemptions.createdAt)),
    db
      .select({
        id: waitlistEntries.id,
        sessionId: waitlistEntries.sessionId,
        status: waitlistEntries.status,
        offerExpiresAt: waitlistEntries.offerExpiresAt,
        // FIFO place: live entries ahead of this one, plus one (waitlist_entries_session_idx)
        position: sql<number>`(select count(*)::int from ${waitlistEntries} w where w.session_id = ${waitlistEntries.sessionId} and w.status in ('waiting', 'offered') and w.id <= ${waitlistEntries.id})`,
      })
      .from(waitlistEntries)
      .where(and(eq(waitlistEntries.customerId, customerId), inArray(waitlistEntries.sessionId, sessionIds), inArray(waitlistEntries.status, ["waiting", "offered"]))),
    db
      .select({ sessionId: drawEntries.sessionId })
      .from(drawEntries)
      .where(and(eq(drawEntries.customerId, customerId), inArray(drawEntries.sessionId, sessionIds))),
  ]);
  const states = new Map<string, MySessionState>();
  const stateOf = (id: string) => states.get(id) ?? states.set(id, { booking: null, waitlist: null, drawEntered: false }).get(id)!;
  for (const b of bookings) if (b.sessionId && !stateOf(b.sessionId).booking) stateOf(b.sessionId).booking = { redemptionId: b.id };
  for (const e of entries) {
    const offerLive = e.status === "offered" && !!e.offerExpiresAt && e.offerExpiresAt > now;
    stateOf(e.sessionId).waitlist = { entryId: e.id, status: e.status as "waiting" | "offered", position: e.position, offerExpiresAt: e.offerExpiresAt, offerLive };
  }
  for (const d of draws) stateOf(d.sessionId).drawEntered = true;
  return states;
}

export type MemberRedemption = {
  redemption: Redemption;
  reward: Pick<Reward, "id" | "slug" | "title" | "kind">;
  session: ExperienceSession | null;
  ticket: Ticket | null;
};

/** A booking the member may still cancel online (before the session's cut-off), and until when. */
export function cancellation(r: MemberRedemption, now: Date = new Date()): { allowed: boolean; until: Date } | null {
  if (!r.session || r.redemption.status === "cancelled") return null;
  const until = new Date(r.session.startsAt.getTime() - r.session.cutoffHours * HOUR);
  return { allowed: now < until && r.session.status === "scheduled", until };
}

const redemptionColumns = {
  redemption: redemptions,
  reward: { id: rewards.id, slug: rewards.slug, title: rewards.title, kind: rewards.kind },
  session: experienceSessions,
  ticket: tickets,
};

/** The member's redemptions, newest first. */
export async function listMemberRedemptions(customerId: string, limit = 100): Promise<MemberRedemption[]> {
  return db
    .select(redemptionColumns)
    .from(redemptions)
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .leftJoin(experienceSessions, eq(experienceSessions.id, redemptions.sessionId))
    .leftJoin(tickets, eq(tickets.redemptionId, redemptions.id))
    // redemptions_customer_idx (customer_id, reward_id)
    .where(eq(redemptions.customerId, customerId))
    .orderBy(desc(redemptions.createdAt))
    .limit(limit);
}

/** One of the member's redemptions; null for anyone else's (or an id that is not a uuid). */
export async function getMemberRedemption(customerId: string, redemptionId: string): Promise<MemberRedemption | null> {
  if (!z.uuid().safeParse(redemptionId).success) return null;
  const [row] = await db
    .select(redemptionColumns)
    .from(redemptions)
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .leftJoin(experienceSessions, eq(experienceSessions.id, redemptions.sessionId))
    .leftJoin(tickets, eq(tickets.redemptionId, redemptions.id))
    .where(and(eq(redemptions.id, redemptionId), eq(redemptions.customerId, customerId)));
  return row ?? null;
}

/** "You have 5,000 points" / "You need 200 more points". */
export function pointsLine(points: { have: number; short: number }): string {
  return points.short > 0 ? `You need ${points.short.toLocaleString("en-US")} more ${points.short === 1 ? "point" : "points"}` : `You have ${formatPoints(points.have)}`;
}
