import "server-only";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { db } from "@/db";
import { surveyInvitations, type SurveyInvitation } from "@/db/schema";
import { awardRule, type AwardOutcome } from "@/lib/earning/award-rule";
import { earningKeys } from "@/lib/earning/keys";
import { getEarningRule } from "@/lib/earning/rules";

/**
 * One posting per answered invitation: an invitation is one survey sent, so it is the key's
 * "survey" (survey:<invitation>:<customer>). Two experience surveys of the same survey pay twice;
 * the same invitation answered from the app and the email at once pays once.
 */
export const surveyAwardKey = (invitation: Pick<SurveyInvitation, "id" | "customerId">) => earningKeys.survey(invitation.id, invitation.customerId);

/**
 * Awards the "survey" rule for an answered invitation and records what it paid (0 when the rule
 * was off or capped). The answer commits first; if this fails, `points` stays null and the daily
 * job pays it later with the same key, so a crash between the two costs a delay, never a double.
 */
export async function awardAnswer(invitation: Pick<SurveyInvitation, "id" | "customerId" | "answeredAt">): Promise<AwardOutcome> {
  const outcome = await awardRule({
    customerId: invitation.customerId,
    ruleId: "survey",
    key: surveyAwardKey(invitation),
    at: invitation.answeredAt ?? undefined,
    metadata: { invitationId: invitation.id },
  });
  await db
    .update(surveyInvitations)
    .set({ points: outcome.points })
    .where(and(eq(surveyInvitations.id, invitation.id), isNull(surveyInvitations.points)));
  return outcome;
}

/** The daily catch-up: answers whose award never ran (a crash, a failed request) are paid now. */
export async function payUnpaidAnswers(): Promise<{ paid: number; errors: number }> {
  const due = await db
    .select({ id: surveyInvitations.id, customerId: surveyInvitations.customerId, answeredAt: surveyInvitations.answeredAt })
    .from(surveyInvitations)
    .where(and(isNotNull(surveyInvitations.answeredAt), isNull(surveyInvitations.points)))
    .limit(1000);
  const result = { paid: 0, errors: 0 };
  for (const invitation of due) {
    try {
      const outcome = await awardAnswer(invitation);
      if (outcome.status === "awarded") result.paid++;
    } catch (error) {
      result.errors++;
      console.error(`[surveys] award for invitation ${invitation.id} failed`, error);
    }
  }
  return result;
}

/** What answering earns now (the "survey" earning rule), or null when it earns nothing. */
export async function surveyPoints(): Promise<number | null> {
  const rule = await getEarningRule("survey");
  return rule?.active && rule.points > 0 ? rule.points : null;
}
