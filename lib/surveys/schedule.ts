import "server-only";
import { addDays, subDays } from "date-fns";
import { and, eq, gt, lte, ne, sql } from "drizzle-orm";
import { db } from "@/db";
import { customers, experienceSessions, redemptions, surveyInvitations, surveys, tickets, users, type Survey } from "@/db/schema";
import { customerForUser } from "@/lib/ledger/customers";
import { payUnpaidAnswers, surveyPoints } from "./award";
import { sendSurveyInvitation } from "./notify";
import { newSurveyToken } from "./token";

/**
 * A trigger that came due while the job wasn't running (a missed night, a survey just switched on)
 * is still sent if it is at most this many days late; older ones are not, so a new survey doesn't
 * reach every member who ever joined.
 */
export const CATCH_UP_DAYS = 7;
/** An invitation takes an answer for this long after it is sent, in the app or from the email. */
export const ANSWER_WINDOW_DAYS = 30;

export const JOIN_SUBJECT = "join";
export const sessionSubject = (sessionId: string) => `session:${sessionId}`;

type Candidate = { customerId: string; subject: string; sessionId: string | null };

export type SurveyRunResult = { invited: number; emailed: number; paid: number; errors: string[] };

/**
 * The daily job's survey step. For each active survey, members whose trigger is `delay_days` old
 * (and at most CATCH_UP_DAYS older) are invited: "after joining" counts from the account's
 * creation (the first sign-in, users.created_at), for members (not admins); "after an experience"
 * counts from the end of a session that went ahead, for each member with a live booking who was
 * checked in — or every live booking, when nobody was checked in at that session (the door list
 * wasn't used). One invitation per survey, customer and subject, by a unique key: a second run, or
 * two at once, invite and email once. Then answers whose points never landed are paid.
 */
export async function runSurveyJobs(now: Date = new Date()): Promise<SurveyRunResult> {
  const result: SurveyRunResult = { invited: 0, emailed: 0, paid: 0, errors: [] };
  const active = await db.select().from(surveys).where(eq(surveys.active, true));
  const points = active.length ? await surveyPoints() : null;
  for (const survey of active) {
    try {
      const candidates = survey.trigger === "after_joining" ? await dueJoiners(survey, now) : await dueAttendees(survey, now);
      const invited = await invite(survey, candidates, now);
      result.invited += invited.length;
      for (const { id, token } of invited) if (await sendSurveyInvitation(id, token, points)) result.emailed++;
    } catch (error) {
      console.error(`[surveys] inviting for survey ${survey.id} failed`, error);
      result.errors.push(`${survey.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const paid = await payUnpaidAnswers();
  result.paid = paid.paid;
  if (paid.errors) result.errors.push(`${paid.errors} survey awards failed; they are retried tomorrow`);
  return result;
}

/** The moments that are due today: at least `delay` days ago, at most CATCH_UP_DAYS more. */
function dueWindow(survey: Survey, now: Date): { from: Date; until: Date } {
  const until = subDays(now, survey.delayDays);
  return { from: subDays(until, CATCH_UP_DAYS), until };
}

async function dueJoiners(survey: Survey, now: Date): Promise<Candidate[]> {
  const { from, until } = dueWindow(survey, now);
  const due = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.role, "member"),
        lte(users.createdAt, until),
        gt(users.createdAt, from),
        sql`not exists (select 1 from ${surveyInvitations} si join ${customers} c on c.id = si.customer_id
                        where c.user_id = ${users.id} and si.survey_id = ${survey.id} and si.subject = ${JOIN_SUBJECT})`,
      ),
    );
  const candidates: Candidate[] = [];
  // A member who never opened the dashboard has no customer row yet: make it, as sign-in would.
  for (const user of due) candidates.push({ customerId: (await customerForUser(user)).id, subject: JOIN_SUBJECT, sessionId: null });
  return candidates;
}

async function dueAttendees(survey: Survey, now: Date): Promise<Candidate[]> {
  const { from, until } = dueWindow(survey, now);
  const attended = sql`(${tickets.checkedInAt} is not null or not exists (
      select 1 from ${tickets} t2 join ${redemptions} r2 on r2.id = t2.redemption_id
      where r2.session_id = ${experienceSessions.id} and r2.status <> 'cancelled' and t2.checked_in_at is not null))`;
  const rows = await db
    .selectDistinct({ customerId: redemptions.customerId, sessionId: experienceSessions.id })
    .from(redemptions)
    .innerJoin(experienceSessions, eq(experienceSessions.id, redemptions.sessionId))
    .leftJoin(tickets, eq(tickets.redemptionId, redemptions.id))
    .where(
      and(
        ne(redemptions.status, "cancelled"),
        eq(experienceSessions.status, "scheduled"),
        lte(experienceSessions.endsAt, until),
        gt(experienceSessions.endsAt, from),
        attended,
        sql`not exists (select 1 from ${surveyInvitations} si
                        where si.survey_id = ${survey.id} and si.customer_id = ${redemptions.customerId}
                          and si.subject = 'session:' || ${experienceSessions.id}::text)`,
      ),
    );
  return rows.map((r) => ({ customerId: r.customerId, subject: sessionSubject(r.sessionId), sessionId: r.sessionId }));
}

/** Inserts the invitations; only the rows this run created come back (with their tokens) to be emailed. */
async function invite(survey: Survey, candidates: Candidate[], now: Date): Promise<{ id: string; token: string }[]> {
  const out: { id: string; token: string }[] = [];
  for (let i = 0; i < candidates.length; i += 500) {
    const chunk = candidates.slice(i, i + 500).map((c) => ({ ...c, ...newSurveyToken() }));
    const tokens = new Map(chunk.map((c) => [c.hash, c.token]));
    const inserted = await db
      .insert(surveyInvitations)
      .values(chunk.map((c) => ({ surveyId: survey.id, customerId: c.customerId, subject: c.subject, sessionId: c.sessionId, tokenHash: c.hash, sentAt: now, expiresAt: addDays(now, ANSWER_WINDOW_DAYS) })))
      // survey_invitations_subject_unique: a run that lost the race to another inserts nothing
      .onConflictDoNothing({ target: [surveyInvitations.surveyId, surveyInvitations.customerId, surveyInvitations.subject] })
      .returning({ id: surveyInvitations.id, tokenHash: surveyInvitations.tokenHash });
    for (const row of inserted) out.push({ id: row.id, token: tokens.get(row.tokenHash)! });
  }
  return out;
}
