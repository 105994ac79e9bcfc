import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { customers, drawEntries, experienceSessions, redemptions, rewards, tickets, tiers, type ExperienceSession, type Reward } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import { sendEmail } from "@/lib/email/send-email";
import { DrawResultEmail } from "@/lib/email/templates/draw-result";
import { getEnv } from "@/lib/env";
import { formatPoints } from "@/lib/format";
import { lockBalance, postIn, withLedgerRetry } from "@/lib/ledger/post";
import { memberStanding, rewardAvailability } from "./access";
import { randomCode } from "./codes";
import { RedemptionError } from "./errors";

/*
 * The fair draw, and how anyone can re-run it
 * -------------------------------------------
 * Inputs: the published seed (64 hex characters) and the ids of the session's entries.
 * 1. Sort the entry ids ascending (numerically).
 * 2. A stream of 32-bit words: block k (k = 0, 1, 2, …) is SHA-256 of the UTF-8 string `${seed}:${k}`;
 *    each block gives eight big-endian unsigned 32-bit words, used in order.
 * 3. Fisher–Yates from the end: for i = n-1 down to 1, draw j uniform in [0, i] by rejection
 *    sampling (take the next word x; if x >= 2^32 - (2^32 mod (i+1)) take another; j = x mod (i+1)),
 *    then swap positions i and j.
 * The shuffled list is the order in which entrants are drawn. Walking it, each entrant is booked while
 * seats are left (charged like any booking); one who can no longer afford it (or has used up the
 * reward's per-member limit) is `skipped` and the next one is drawn; everyone after the last seat
 * has `lost`. So the stored seed plus the stored entries reproduce the recorded results.
 */

const TWO_32 = 2 ** 32;

/** The entry ids in the order the draw picks them: pure, deterministic, documented above. */
export function drawOrder(seed: string, entryIds: readonly number[]): number[] {
  const order = [...entryIds].sort((a, b) => a - b);
  let block = 0;
  let words: number[] = [];
  const nextWord = () => {
    if (!words.length) {
      const digest = createHash("sha256").update(`${seed}:${block++}`, "utf8").digest();
      words = Array.from({ length: 8 }, (_, w) => digest.readUInt32BE(w * 4));
    }
    return words.shift()!;
  };
  for (let i = order.length - 1; i > 0; i--) {
    const range = i + 1;
    const limit = TWO_32 - (TWO_32 % range); // rejection keeps j exactly uniform: no modulo bias
    let x = nextWord();
    while (x >= limit) x = nextWord();
    const j = x % range;
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** A fresh, unpredictable seed: 32 random bytes as hex, stored and published with the results. */
export function newDrawSeed(): string {
  return randomBytes(32).toString("hex");
}

/** Entries are taken from the opening (or at once) until the close; without a close, until the booking cut-off. */
export function drawWindow(session: Pick<ExperienceSession, "drawOpensAt" | "drawClosesAt" | "startsAt" | "cutoffHours">): { opensAt: Date | null; closesAt: Date } {
  return { opensAt: session.drawOpensAt, closesAt: session.drawClosesAt ?? new Date(session.startsAt.getTime() - session.cutoffHours * 3_600_000) };
}

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];

async function checkGating(tx: Tx, reward: Reward, customerId: string, now: Date) {
  const [standing, rankRows] = [await memberStanding(tx, customerId), await tx.select({ id: tiers.id, rank: tiers.sortOrder }).from(tiers)];
  const availability = rewardAvailability(reward, standing, Object.fromEntries(rankRows.map((r) => [r.id, r.rank])), now);
  if (availability.open) return;
  if (availability.reason === "tier_locked") throw new RedemptionError("tier_locked", `This reward is for ${availability.tierId} members and above.`);
  if (availability.reason === "members_only") throw new RedemptionError("members_only", "This reward is for paid members.");
  throw new RedemptionError("not_available", availability.opensAt ? `This reward opens on ${availability.opensAt.toDateString()}.` : "This reward is no longer available.");
}

export type EnterDrawResult = { status: "entered" | "already_entered"; entryId: number; closesAt: Date };

/**
 * A member enters a draw-mode session: free, one entry per member (the unique constraint makes a
 * second entry a no-op), only while the window is open and only if the reward's gating lets them in.
 * The session row is held FOR SHARE, so an entry cannot slip in while the draw (FOR UPDATE) runs.
 */
export async function enterDraw(input: { customerId: string; sessionId: string; now?: Date }): Promise<EnterDrawResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ session: experienceSessions, reward: rewards })
      .from(experienceSessions)
      .innerJoin(rewards, eq(rewards.id, experienceSessions.rewardId))
      .where(eq(experienceSessions.id, input.sessionId))
      .for("share", { of: experienceSessions });
    if (!found || found.session.status !== "scheduled" || found.reward.status !== "active") throw new RedemptionError("not_found", "That session isn't available.");
    const { session, reward } = found;
    if (session.mode !== "draw") throw new RedemptionError("not_available", "This session is booked first come, first served: book it instead.");
    const { opensAt, closesAt } = drawWindow(session);
    if (session.drawnAt || now >= closesAt) throw new RedemptionError("booking_closed", "The draw for this session has closed.");
    if (opensAt && now < opensAt) throw new RedemptionError("not_available", `The draw opens on ${opensAt.toDateString()}.`);
    await checkGating(tx, reward, input.customerId, now);
    if (reward.perMemberLimit !== null) {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(redemptions)
        .where(and(eq(redemptions.customerId, input.customerId), eq(redemptions.rewardId, reward.id), ne(redemptions.status, "cancelled")));
      if (n >= reward.perMemberLimit) throw new RedemptionError("limit_reached", `You can redeem this reward ${reward.perMemberLimit === 1 ? "once" : `${reward.perMemberLimit} times`}.`);
    }
    const [inserted] = await tx.insert(drawEntries).values({ sessionId: session.id, customerId: input.customerId, createdAt: now }).onConflictDoNothing().returning({ id: drawEntries.id });
    if (inserted) return { status: "entered", entryId: inserted.id, closesAt };
    const [existing] = await tx.select({ id: drawEntries.id }).from(drawEntries).where(and(eq(drawEntries.sessionId, session.id), eq(drawEntries.customerId, input.customerId)));
    return { status: "already_entered", entryId: existing.id, closesAt };
  });
}

export type DrawOutcome = { entryId: number; customerId: string; result: "won" | "lost" | "skipped"; redemptionId: string | null; ticketCode: string | null };

export type RunDrawResult =
  | { status: "drawn"; sessionId: string; seed: string; drawnAt: Date; outcomes: DrawOutcome[]; winners: string[] }
  /** The draw had already run: nothing changed, nothing was sent. */
  | { status: "already_drawn"; sessionId: string; seed: string | null; drawnAt: Date | null };

/**
 * Runs a session's draw once, in one transaction: lock the session, store a fresh seed, order the
 * entries with drawOrder(), then book winners down the list the way a booking does (lock the
 * member's balance, take the seat by a conditional update, post `redemption:<id>`, issue a ticket).
 * `drawn_at` under the session lock makes a second run (a double click, the daily job after an admin)
 * a no-op. Each entrant is emailed their result after commit.
 */
export async function runDraw(input: { sessionId: string; actorId?: string | null; now?: Date; seed?: string }): Promise<RunDrawResult> {
  const now = input.now ?? new Date();
  const result = await withLedgerRetry(() =>
    db.transaction(async (tx): Promise<RunDrawResult & { reward?: Reward; session?: ExperienceSession }> => {
      const [found] = await tx
        .select({ session: experienceSessions, reward: rewards })
        .from(experienceSessions)
        .innerJoin(rewards, eq(rewards.id, experienceSessions.rewardId))
        .where(eq(experienceSessions.id, input.sessionId))
        .for("update", { of: experienceSessions });
      if (!found) throw new RedemptionError("not_found", "That session doesn't exist.");
      const { session, reward } = found;
      if (session.drawnAt) return { status: "already_drawn", sessionId: session.id, seed: session.drawSeed, drawnAt: session.drawnAt };
      if (session.mode !== "draw") throw new RedemptionError("not_available", "This session is booked first come, first served; it has no draw.");
      if (session.status !== "scheduled") throw new RedemptionError("not_available", "This session was cancelled.");
      const { closesAt } = drawWindow(session);
      if (now < closesAt) throw new RedemptionError("not_available", `The draw can run once entries close (${closesAt.toISOString()}).`);

      const seed = input.seed ?? newDrawSeed();
      const entries = await tx.select().from(drawEntries).where(and(eq(drawEntries.sessionId, session.id), eq(drawEntries.result, "entered"))).orderBy(asc(drawEntries.id));
      const byId = new Map(entries.map((e) => [e.id, e]));
      const cost = session.pointsCost ?? reward.pointsCost;
      let seatsLeft = session.capacity - session.booked;
      const outcomes: DrawOutcome[] = [];

      for (const entryId of drawOrder(seed, entries.map((e) => e.id))) {
        const entry = byId.get(entryId)!;
        if (seatsLeft <= 0) {
          outcomes.push({ entryId, customerId: entry.customerId, result: "lost", redemptionId: null, ticketCode: null });
          continue;
        }
        const booked = await bookWinner(tx, { session, reward, customerId: entry.customerId, cost, now });
        if (!booked) {
          outcomes.push({ entryId, customerId: entry.customerId, result: "skipped", redemptionId: null, ticketCode: null });
          continue;
        }
        seatsLeft--;
        outcomes.push({ entryId, customerId: entry.customerId, result: "won", ...booked });
      }

      for (const result of ["won", "lost", "skipped"] as const) {
        const ids = outcomes.filter((o) => o.result === result).map((o) => o.entryId);
        if (ids.length) await tx.update(drawEntries).set({ result }).where(inArray(drawEntries.id, ids));
      }
      // The conditional update is the second guard against a double run (the lock is the first).
      const marked = rowsOf(await tx.execute(sql`update experience_sessions set draw_seed = ${seed}, drawn_at = ${now.toISOString()} where id = ${session.id} and drawn_at is null returning id`));
      if (!marked.length) throw new Error(`Session ${session.id} was drawn concurrently`);
      const count = (r: DrawOutcome["result"]) => outcomes.filter((o) => o.result === r).length;
      await writeAudit(tx, {
        actorId: input.actorId ?? null,
        action: "session.drawn",
        entityType: "experience_session",
        entityId: session.id,
        before: { drawnAt: null },
        after: { seed, drawnAt: now.toISOString(), entries: entries.length, won: count("won"), skipped: count("skipped"), lost: count("lost") },
        reason: input.actorId ? "Draw run by an admin" : "Draw run by the daily job",
      });
      return { status: "drawn", sessionId: session.id, seed, drawnAt: now, outcomes, winners: outcomes.filter((o) => o.result === "won").map((o) => o.customerId), reward, session };
    }),
  );

  if (result.status !== "drawn") return result;
  const { reward, session, ...drawn } = result;
  await emailDrawResults(drawn, reward!, session!);
  return drawn;
}

/**
 * One winner's booking, inside the draw's transaction, step for step as redeem() books a seat:
 * lock the balance, check the points and the per-member limit, take the seat by a conditional
 * update, write the redemption, post `redemption:<id>`, issue the ticket. Null when the member is
 * to be skipped (nothing was changed for them).
 */
async function bookWinner(tx: Tx, args: { session: ExperienceSession; reward: Reward; customerId: string; cost: number; now: Date }): Promise<{ redemptionId: string; ticketCode: string } | null> {
  const { session, reward, customerId, cost, now } = args;
  const balance = await lockBalance(tx, customerId);
  if (balance.available < cost) return null;
  const live = and(eq(redemptions.customerId, customerId), eq(redemptions.rewardId, reward.id), ne(redemptions.status, "cancelled"));
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(redemptions).where(live);
  if (reward.perMemberLimit !== null && n >= reward.perMemberLimit) return null;

  // Capacity is the database's to enforce (DESIGN invariant 6), even under the session lock.
  const taken = rowsOf(await tx.execute(sql`update experience_sessions set booked = booked + 1 where id = ${session.id} and booked < capacity and status = 'scheduled' returning id`));
  if (!taken.length) return null;
  const [redemption] = await tx
    .insert(redemptions)
    .values({ customerId, rewardId: reward.id, sessionId: session.id, status: "fulfilled", pointsCost: cost, fulfilledAt: now, createdAt: now })
    .returning();
  await postIn(tx, {
    kind: "redeem",
    key: `redemption:${redemption.id}`,
    customerId,
    points: cost,
    reason: "redemption",
    memo: `Won in the draw: ${reward.title}`,
    metadata: { redemptionId: redemption.id, rewardId: reward.id, sessionId: session.id, draw: true },
    at: now,
  });
  const [ticket] = await tx.insert(tickets).values({ redemptionId: redemption.id, code: randomCode(8) }).returning();
  return { redemptionId: redemption.id, ticketCode: ticket.code };
}

async function emailDrawResults(drawn: Extract<RunDrawResult, { status: "drawn" }>, reward: Reward, session: ExperienceSession) {
  if (!drawn.outcomes.length) return;
  const people = await db
    .select({ id: customers.id, email: customers.email, name: customers.name })
    .from(customers)
    .where(inArray(customers.id, drawn.outcomes.map((o) => o.customerId)));
  const byId = new Map(people.map((p) => [p.id, p]));
  const appUrl = getEnv().APP_URL;
  const when = formatSessionTime(session.startsAt, session.timeZone);
  const cost = formatPoints(session.pointsCost ?? reward.pointsCost);
  for (const outcome of drawn.outcomes) {
    const person = byId.get(outcome.customerId);
    if (!person) continue;
    const subject = outcome.result === "won" ? `You won a place: ${reward.title}` : `Draw results: ${reward.title}`;
    await sendEmail({
      to: person.email,
      subject,
      template: "draw-result",
      react: DrawResultEmail({
        name: person.name?.split(" ")[0] ?? null,
        result: outcome.result,
        rewardTitle: reward.title,
        when,
        location: session.location,
        cost,
        ticketCode: outcome.ticketCode,
        seed: drawn.seed,
        entries: drawn.outcomes.length,
        rewardsUrl: `${appUrl}/rewards`,
      }),
    });
  }
}

/** "Sat, Jun 14, 2025, 6:00 PM (Europe/Paris)": a session is read in its own time zone. */
export function formatSessionTime(value: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat("en-US", { weekday: "short", year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone }).format(value);
  return `${text} (${timeZone})`;
}

/** Draws every draw-mode session whose entries have closed and that has not been drawn. For the daily job. */
export async function runDueDraws(now: Date = new Date()): Promise<{ drawn: number; errors: string[] }> {
  const due = await db
    .select({ id: experienceSessions.id, closesAt: experienceSessions.drawClosesAt, startsAt: experienceSessions.startsAt, cutoffHours: experienceSessions.cutoffHours })
    .from(experienceSessions)
    .where(and(eq(experienceSessions.mode, "draw"), eq(experienceSessions.status, "scheduled"), isNull(experienceSessions.drawnAt), sql`coalesce(${experienceSessions.drawClosesAt}, ${experienceSessions.startsAt} - make_interval(hours => ${experienceSessions.cutoffHours})) <= ${now.toISOString()}`));
  let drawn = 0;
  const errors: string[] = [];
  for (const session of due) {
    try {
      const result = await runDraw({ sessionId: session.id, now });
      if (result.status === "drawn") drawn++;
    } catch (error) {
      console.error(`[draw] session ${session.id} failed`, error);
      errors.push(`${session.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { drawn, errors };
}

/** What the session's admin page (and an entrant) sees of a draw: the window, the entries, the published seed. */
export async function getDrawSummary(sessionId: string) {
  const [session] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, sessionId));
  if (!session || session.mode !== "draw") return null;
  const counts = await db
    .select({ result: drawEntries.result, n: sql<number>`count(*)::int` })
    .from(drawEntries)
    .where(eq(drawEntries.sessionId, sessionId))
    .groupBy(drawEntries.result);
  const n = (r: string) => counts.find((c) => c.result === r)?.n ?? 0;
  return {
    ...drawWindow(session),
    seed: session.drawSeed,
    drawnAt: session.drawnAt,
    entries: counts.reduce((sum, c) => sum + c.n, 0),
    won: n("won"),
    lost: n("lost"),
    skipped: n("skipped"),
  };
}
