import "server-only";
import { and, count, desc, eq, isNotNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { customers, experienceSessions, rewards, surveyInvitations, surveys, users, type Survey } from "@/db/schema";
import { ActionError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/write-audit";
import { toCsv } from "@/lib/reports/csv";
import { npsCategory, npsOf } from "./nps-score";
import type { SurveyCreate, SurveyUpdate, SurveyValues } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SURVEY_FIELDS = ["name", "question", "trigger", "delayDays", "active"] as const satisfies (keyof SurveyValues & keyof Survey)[];
type SurveyField = (typeof SURVEY_FIELDS)[number];

const pick = (row: Pick<Survey, SurveyField>, keys: readonly SurveyField[]) => Object.fromEntries(keys.map((k) => [k, row[k]]));

export type AdminSurveyRow = Survey & { invited: number; answered: number; nps: number | null };

/** Every survey, newest first, with how many were invited and answered and its all-time NPS. */
export async function listSurveysForAdmin(): Promise<AdminSurveyRow[]> {
  const rows = await db
    .select({
      survey: surveys,
      invited: count(surveyInvitations.id),
      answered: count(surveyInvitations.answeredAt),
      promoters: sql<number>`count(*) filter (where ${surveyInvitations.score} >= 9)::int`,
      passives: sql<number>`count(*) filter (where ${surveyInvitations.score} between 7 and 8)::int`,
      detractors: sql<number>`count(*) filter (where ${surveyInvitations.score} <= 6)::int`,
    })
    .from(surveys)
    .leftJoin(surveyInvitations, eq(surveyInvitations.surveyId, surveys.id))
    .groupBy(surveys.id)
    .orderBy(desc(surveys.createdAt));
  return rows.map((r) => ({ ...r.survey, invited: r.invited, answered: r.answered, nps: npsOf({ ...r, responses: r.answered }) }));
}

/** Null for an unknown id or one that isn't a uuid (rather than a database error). */
export async function getSurvey(id: string): Promise<Survey | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(surveys).where(eq(surveys.id, id));
  return row ?? null;
}

/** Creates a survey with a "survey.created" audit row in the same transaction. */
export async function createSurvey(actorId: string, input: SurveyCreate): Promise<Survey> {
  return db.transaction(async (tx) => {
    const values = pick(input, SURVEY_FIELDS) as Pick<Survey, SurveyField>;
    const [survey] = await tx.insert(surveys).values(values).returning();
    await writeAudit(tx, { actorId, action: "survey.created", entityType: "survey", entityId: survey.id, before: null, after: pick(survey, SURVEY_FIELDS), reason: input.reason ?? "Created in the admin" });
    return survey;
  });
}

export type UpdateSurveyResult = { survey: Survey; changed: SurveyField[] };

/**
 * Saves an edit: the row is locked so two admins' edits are recorded one after the other; only the
 * changed fields go into the audit row, and a form saved unchanged writes nothing. The trigger is
 * fixed once members have been invited: their answers would otherwise describe another moment.
 */
export async function updateSurvey(actorId: string, input: SurveyUpdate): Promise<UpdateSurveyResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(surveys).where(eq(surveys.id, input.id)).for("update");
    if (!before) throw new ActionError("That survey doesn't exist (any more).", "not_found");
    const changed = SURVEY_FIELDS.filter((field) => before[field] !== input[field]);
    if (!changed.length) return { survey: before, changed };
    if (changed.includes("trigger")) {
      const [{ n }] = await tx.select({ n: count() }).from(surveyInvitations).where(eq(surveyInvitations.surveyId, before.id));
      if (n > 0) {
        throw new ActionError("Nothing was saved.", "invalid_input", {
          trigger: [`${n} ${n === 1 ? "member has" : "members have"} already been invited: the trigger can't change. Create a new survey instead.`],
        });
      }
    }
    const [survey] = await tx
      .update(surveys)
      .set({ ...pick(input, changed), updatedAt: new Date() })
      .where(eq(surveys.id, before.id))
      .returning();
    await writeAudit(tx, { actorId, action: "survey.updated", entityType: "survey", entityId: survey.id, before: pick(before, changed), after: pick(survey, changed), reason: input.reason });
    return { survey, changed };
  });
}

export type SurveyResponse = {
  id: string;
  answeredAt: Date;
  score: number;
  comment: string | null;
  via: "app" | "email";
  name: string | null;
  email: string;
  /** The experience it was about, for experience surveys. */
  experience: { title: string; startsAt: Date } | null;
};

/** A survey's answers, newest first (survey_invitations_survey_idx). */
export async function listResponses(surveyId: string, { limit = 50, offset = 0 }: { limit?: number; offset?: number } = {}): Promise<{ rows: SurveyResponse[]; total: number }> {
  const answered = and(eq(surveyInvitations.surveyId, surveyId), isNotNull(surveyInvitations.answeredAt));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: surveyInvitations.id,
        answeredAt: surveyInvitations.answeredAt,
        score: surveyInvitations.score,
        comment: surveyInvitations.comment,
        via: surveyInvitations.answeredVia,
        name: sql<string | null>`coalesce(${customers.name}, ${users.name})`,
        email: customers.email,
        title: rewards.title,
        startsAt: experienceSessions.startsAt,
      })
      .from(surveyInvitations)
      .innerJoin(customers, eq(customers.id, surveyInvitations.customerId))
      .leftJoin(users, eq(users.id, customers.userId))
      .leftJoin(experienceSessions, eq(experienceSessions.id, surveyInvitations.sessionId))
      .leftJoin(rewards, eq(rewards.id, experienceSessions.rewardId))
      .where(answered)
      .orderBy(desc(surveyInvitations.answeredAt), desc(surveyInvitations.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(surveyInvitations).where(answered),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      answeredAt: r.answeredAt!,
      score: r.score!,
      comment: r.comment,
      via: r.via!,
      name: r.name,
      email: r.email,
      experience: r.title && r.startsAt ? { title: r.title, startsAt: r.startsAt } : null,
    })),
  };
}

/** Invited and answered so far, for one survey's page (and whether its trigger is still free to change). */
export async function getSurveyCounts(surveyId: string): Promise<{ invited: number; answered: number }> {
  const [row] = await db
    .select({ invited: count(), answered: count(surveyInvitations.answeredAt) })
    .from(surveyInvitations)
    .where(eq(surveyInvitations.surveyId, surveyId));
  return row;
}

/** Every answer of a survey, for the CSV download: comments are free text, so toCsv neutralises formulas. */
export async function responsesCsv(surveyId: string): Promise<string> {
  const { rows } = await listResponses(surveyId, { limit: 100_000 });
  return toCsv<SurveyResponse>(
    [
      { header: "answered_at", value: (r) => r.answeredAt },
      { header: "score", value: (r) => r.score },
      { header: "category", value: (r) => npsCategory(r.score) },
      { header: "comment", value: (r) => r.comment },
      { header: "name", value: (r) => r.name },
      { header: "email", value: (r) => r.email },
      { header: "experience", value: (r) => r.experience?.title },
      { header: "experience_starts_at", value: (r) => r.experience?.startsAt },
      { header: "answered_via", value: (r) => r.via },
    ],
    rows,
  );
}
