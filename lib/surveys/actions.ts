"use server";

import { revalidatePath } from "next/cache";
import { adminAction, memberAction, publicAction } from "@/lib/actions/action";
import { customerForUser } from "@/lib/ledger/customers";
import { createSurvey, updateSurvey } from "./admin";
import { answerSurvey } from "./answer";
import { answerSchema, surveyCreateSchema, surveyUpdateSchema, tokenAnswerSchema } from "./schemas";

/**
 * Surveys. Each action authenticates itself (the factory) and parses its input with the shared
 * schemas; refusals come back as messages or field errors and write nothing.
 */

/** Member, in the app: answers one of their own invitations. */
export const answerSurveyAction = memberAction(answerSchema, async ({ input, ctx }) => {
  const customer = await customerForUser(ctx.user);
  const result = await answerSurvey({ invitationId: input.invitationId, customerId: customer.id }, { score: input.score, comment: input.comment });
  revalidatePath("/dashboard");
  return result;
});

/**
 * Anyone holding the email's link: the unguessable token is the permission and answers exactly its
 * own invitation, signed in or not (and whoever is signed in). The page only reads; this POST answers.
 */
export const answerSurveyByTokenAction = publicAction(tokenAnswerSchema, async ({ input }) => {
  return answerSurvey({ token: input.token }, { score: input.score, comment: input.comment });
});

function refresh() {
  revalidatePath("/admin/surveys", "layout");
}

export const createSurveyAction = adminAction(surveyCreateSchema, async ({ input, ctx }) => {
  const survey = await createSurvey(ctx.user.id, input);
  refresh();
  return { id: survey.id };
});

export const updateSurveyAction = adminAction(surveyUpdateSchema, async ({ input, ctx }) => {
  const { survey, changed } = await updateSurvey(ctx.user.id, input);
  if (changed.length) refresh();
  return { id: survey.id, changed };
});
