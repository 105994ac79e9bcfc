import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { customers, experienceSessions, rewards, surveyInvitations, surveys } from "@/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { SurveyInvitationEmail } from "@/lib/email/templates/survey-invitation";
import { getEnv } from "@/lib/env";
import { formatDate, formatPoints } from "@/lib/format";
import { surveyPoints } from "./award";

/** The link in the email: the token is the permission, so it lives in the path of a page that only reads on GET. */
export const surveyReplyPath = (token: string) => `/surveys/reply/${token}`;

/**
 * Emails one invitation after the row has committed (DESIGN invariant 8). The token exists only
 * here and in the email: it is passed in by the job that made it, never read back. Never throws.
 */
export async function sendSurveyInvitation(invitationId: string, token: string, pointsForAnswer?: number | null): Promise<boolean> {
  try {
    const [row] = await db
      .select({ invitation: surveyInvitations, question: surveys.question, email: customers.email, name: customers.name, title: rewards.title, startsAt: experienceSessions.startsAt })
      .from(surveyInvitations)
      .innerJoin(surveys, eq(surveys.id, surveyInvitations.surveyId))
      .innerJoin(customers, eq(customers.id, surveyInvitations.customerId))
      .leftJoin(experienceSessions, eq(experienceSessions.id, surveyInvitations.sessionId))
      .leftJoin(rewards, eq(rewards.id, experienceSessions.rewardId))
      .where(eq(surveyInvitations.id, invitationId));
    if (!row) return false;
    const points = pointsForAnswer === undefined ? await surveyPoints() : pointsForAnswer;
    const appUrl = getEnv().APP_URL;
    const about = row.title && row.startsAt ? `${row.title}, ${formatDate(row.startsAt)}` : null;
    const result = await sendEmail({
      to: row.email,
      subject: row.title ? `How was ${row.title}?` : "One quick question",
      template: "survey-invitation",
      react: SurveyInvitationEmail({
        name: row.name?.split(" ")[0] ?? null,
        question: row.question,
        about,
        points: points ? formatPoints(points) : null,
        answerUrl: `${appUrl}${surveyReplyPath(token)}`,
        appUrl: `${appUrl}/surveys/${row.invitation.id}`,
        closesOn: formatDate(row.invitation.expiresAt),
      }),
    });
    return result !== null;
  } catch (error) {
    console.error(`[surveys] invitation email ${invitationId} failed`, error);
    return false;
  }
}
