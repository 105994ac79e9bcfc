import { z } from "zod";
import type { Survey } from "@/db/schema";

/** Survey rules and forms, shared by the actions, the forms' field names and the tests. */

// Spelled out (not read from the pg enum) so client forms can import this file without the schema module.
export const SURVEY_TRIGGERS = ["after_joining", "after_experience"] as const satisfies readonly Survey["trigger"][];
export type SurveyTrigger = (typeof SURVEY_TRIGGERS)[number];

export const TRIGGER_LABELS: Record<SurveyTrigger, string> = {
  after_joining: "After joining",
  after_experience: "After an experience",
};

/** What the delay counts from, in words for the admin form and list. */
export const TRIGGER_HINTS: Record<SurveyTrigger, string> = {
  after_joining: "Days after the member's account was created (their first sign-in).",
  after_experience: "Days after an experience session they attended ended.",
};

export const COMMENT_MAX = 1000;
export const QUESTION_MAX = 300;
export const NAME_MAX = 100;
export const DELAY_DAYS_MAX = 365;

/** A blank field is "not given": never a too-short value, and never the 0 that Number("") makes. */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const reason = z
  .string({ error: "Say why you are making this change; it is kept in the audit log." })
  .trim()
  .min(3, { error: "Say why you are making this change; it is kept in the audit log." })
  .max(500, { error: "Keep the reason under 500 characters." });

/** A checkbox: present ("on") when ticked, absent otherwise; booleans pass through for direct calls. */
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

const surveyFields = z.object({
  name: z.string({ error: "Give the survey a name." }).trim().min(1, { error: "Give the survey a name." }).max(NAME_MAX, { error: `At most ${NAME_MAX} characters.` }),
  question: z
    .string({ error: "Write the question members answer from 0 to 10." })
    .trim()
    .min(10, { error: "Write the question members answer from 0 to 10 (at least 10 characters)." })
    .max(QUESTION_MAX, { error: `At most ${QUESTION_MAX} characters.` }),
  trigger: z.enum(SURVEY_TRIGGERS, { error: "Choose when the survey is sent." }),
  delayDays: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "Enter a whole number of days." })
      .int({ error: "Enter a whole number of days." })
      .min(0, { error: "0 days or more." })
      .max(DELAY_DAYS_MAX, { error: `At most ${DELAY_DAYS_MAX} days.` }),
  ),
  active: checkbox,
});
export type SurveyValues = z.output<typeof surveyFields>;

export const surveyCreateSchema = surveyFields.extend({ reason: z.preprocess(blankToUndefined, reason.optional()) });
export type SurveyCreate = z.output<typeof surveyCreateSchema>;

export const surveyUpdateSchema = surveyFields.extend({ id: z.uuid({ error: "Unknown survey." }), reason });
export type SurveyUpdate = z.output<typeof surveyUpdateSchema>;

/** An answer: a whole score from 0 to 10 and an optional comment. */
const answerFields = z.object({
  score: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "Choose a score from 0 to 10." })
      .int({ error: "Choose a whole score from 0 to 10." })
      .min(0, { error: "Choose a score from 0 to 10." })
      .max(10, { error: "Choose a score from 0 to 10." }),
  ),
  comment: z
    .string({ error: "The comment must be text." })
    .trim()
    .max(COMMENT_MAX, { error: `Keep the comment to ${COMMENT_MAX} characters or fewer.` })
    .optional()
    .transform((text) => (text ? text : null)),
});

/** In the app: the signed-in member answers one of their own invitations. */
export const answerSchema = answerFields.extend({ invitationId: z.uuid({ error: "That survey doesn't exist." }) });
export type AnswerInput = z.input<typeof answerSchema>;

/** From the email link: the token in the link is the permission. */
export const tokenAnswerSchema = answerFields.extend({
  token: z.string({ error: "This survey link isn't complete." }).trim().regex(/^[A-Za-z0-9_-]{43}$/, { error: "This survey link isn't complete. Open it again from the email." }),
});
export type TokenAnswerInput = z.input<typeof tokenAnswerSchema>;
