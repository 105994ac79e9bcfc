import "server-only";
import { and, asc, eq, gt, isNull, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { experienceSessions, rewards, surveyInvitations, surveys, type SurveyInvitation } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { formatDate } from "@/lib/format";
import { awardAnswer } from "./award";
import { hashSurveyToken } from "./token";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Who may answer: the signed-in member, for their own invitation, or whoever holds the email's token. */
export type AnswerTarget = { invitationId: string; customerId: string } | { token: string };

export type Answer = { score: number; comment: string | null };

export type AnswerResult = {
  invitationId: string;
  /** Points earned by this answer; 0 when the rule was off, or when the award is still to run. */
  points: number;
  pending: boolean;
};

function targetWhere(target: AnswerTarget): SQL | undefined {
  if ("token" in target) return eq(surveyInvitations.tokenHash, hashSurveyToken(target.token));
  return and(eq(surveyInvitations.id, target.invitationId), eq(surveyInvitations.customerId, target.customerId));
}

const notFound = (target: AnswerTarget) =>
  new ActionError(
    "token" in target
      ? "This survey link isn't valid. Open it again from the email, or sign in to see the surveys waiting for you."
      : "That survey isn't one of yours, or it no longer exists.",
    "not_found",
  );

/**
 * Records the one answer an invitation takes: the row is locked and must still be open, so the app
 * and the email link answering at the same moment leave one answer, and a second answer is refused
 * with a message and changes nothing. Points are awarded after the answer commits (awardAnswer).
 */
export async function answerSurvey(target: AnswerTarget, answer: Answer, now: Date = new Date()): Promise<AnswerResult> {
  if ("token" in target ? !TOKEN.test(target.token) : !UUID.test(target.invitationId)) throw notFound(target);
  const invitation = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(surveyInvitations).where(targetWhere(target)).for("update");
    if (!row) throw notFound(target);
    if (row.answeredAt) throw new ActionError(`You already answered this survey on ${formatDate(row.answeredAt)} — thank you. Only the first answer counts.`, "conflict");
    if (row.expiresAt <= now) throw new ActionError(`This survey closed on ${formatDate(row.expiresAt)}, so it no longer takes answers.`, "conflict");
    const [answered] = await tx
      .update(surveyInvitations)
      .set({ answeredAt: now, score: answer.score, comment: answer.comment, answeredVia: "token" in target ? "email" : "app" })
      .where(and(eq(surveyInvitations.id, row.id), isNull(surveyInvitations.answeredAt)))
      .returning();
    return answered;
  });
  try {
    const outcome = await awardAnswer(invitation);
    return { invitationId: invitation.id, points: outcome.points, pending: outcome.status === "awarded" && outcome.pending };
  } catch (error) {
    // The answer stands; the daily job pays it (same key, so never twice).
    console.error(`[surveys] award for invitation ${invitation.id} failed; the daily job retries`, error);
    return { invitationId: invitation.id, points: 0, pending: true };
  }
}

export type InvitationView = {
  id: string;
  question: string;
  /** The experience it asks about, for experience surveys. */
  experience: { title: string; startsAt: Date } | null;
  state: "open" | "answered" | "closed";
  answeredAt: Date | null;
  score: number | null;
  expiresAt: Date;
};

function view(row: { invitation: SurveyInvitation; question: string; title: string | null; startsAt: Date | null }, now: Date): InvitationView {
  const { invitation } = row;
  return {
    id: invitation.id,
    question: row.question,
    experience: row.title && row.startsAt ? { title: row.title, startsAt: row.startsAt } : null,
    state: invitation.answeredAt ? "answered" : invitation.expiresAt <= now ? "closed" : "open",
    answeredAt: invitation.answeredAt,
    score: invitation.score,
    expiresAt: invitation.expiresAt,
  };
}

function invitationsWith(where: SQL | undefined) {
  return db
    .select({ invitation: surveyInvitations, question: surveys.question, title: rewards.title, startsAt: experienceSessions.startsAt })
    .from(surveyInvitations)
    .innerJoin(surveys, eq(surveys.id, surveyInvitations.surveyId))
    .leftJoin(experienceSessions, eq(experienceSessions.id, surveyInvitations.sessionId))
    .leftJoin(rewards, eq(rewards.id, experienceSessions.rewardId))
    .where(where);
}

/** The in-app page: one of the member's own invitations (null for anyone else's). */
export async function getMemberInvitation(customerId: string, invitationId: string, now: Date = new Date()): Promise<InvitationView | null> {
  if (!UUID.test(invitationId)) return null;
  const [row] = await invitationsWith(and(eq(surveyInvitations.id, invitationId), eq(surveyInvitations.customerId, customerId)));
  return row ? view(row, now) : null;
}

/** The email link's page: the invitation its token answers (null for a token that matches none). */
export async function getInvitationByToken(token: string, now: Date = new Date()): Promise<InvitationView | null> {
  if (!TOKEN.test(token)) return null;
  const [row] = await invitationsWith(eq(surveyInvitations.tokenHash, hashSurveyToken(token)));
  return row ? view(row, now) : null;
}

/** The dashboard card: the member's surveys still open, closing soonest first (survey_invitations_customer_idx). */
export async function listOpenSurveys(customerId: string, now: Date = new Date()): Promise<InvitationView[]> {
  const rows = await invitationsWith(and(eq(surveyInvitations.customerId, customerId), isNull(surveyInvitations.answeredAt), gt(surveyInvitations.expiresAt, now)))
    .orderBy(asc(surveyInvitations.expiresAt))
    .limit(10);
  return rows.map((row) => view(row, now));
}
