import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/admin/back-link";
import { SurveyForm } from "@/components/surveys/survey-form";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDate, formatDateTime } from "@/lib/format";
import { updateSurveyAction } from "@/lib/surveys/actions";
import { getSurvey, getSurveyCounts, listResponses } from "@/lib/surveys/admin";
import { npsSummary } from "@/lib/surveys/nps";
import { formatNps, npsCategory, type NpsCategory } from "@/lib/surveys/nps-score";
import { TRIGGER_LABELS } from "@/lib/surveys/schemas";
import { Stat } from "@/components/admin/stat";

export const metadata: Metadata = { title: "Survey · Admin" };

const PAGE_SIZE = 50;
const number = new Intl.NumberFormat("en-US");
const TONES: Record<NpsCategory, BadgeTone> = { promoter: "success", passive: "neutral", detractor: "danger" };
const CATEGORY_LABELS: Record<NpsCategory, string> = { promoter: "Promoter", passive: "Passive", detractor: "Detractor" };

export default async function AdminSurveyPage({ params, searchParams }: PageProps<"/admin/surveys/[id]">) {
  const { id } = await params;
  await requireAdmin(`/admin/surveys/${id}`);
  const survey = await getSurvey(id);
  if (!survey) notFound();
  const query = await searchParams;
  const requested = Number(Array.isArray(query.page) ? query.page[0] : query.page);
  const page = Number.isSafeInteger(requested) && requested > 1 ? requested : 1;
  const [counts, summary, responses] = await Promise.all([
    getSurveyCounts(survey.id),
    npsSummary(null, undefined, { surveyId: survey.id }),
    listResponses(survey.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  ]);
  const pages = Math.max(1, Math.ceil(responses.total / PAGE_SIZE));

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink href="/admin/surveys" label="All surveys" />
      <PageHeader
        className="mt-2"
        title={survey.name}
        description={`${TRIGGER_LABELS[survey.trigger]}, after ${survey.delayDays} ${survey.delayDays === 1 ? "day" : "days"} · ${survey.active ? "active" : "switched off"}`}
      />
      {query.created ? (
        <Alert tone="success" title="Survey created" className="mt-6">
          {survey.active ? "The daily job starts inviting members whose moment comes due." : "It is switched off: tick “Active” below when it is ready to send."}
        </Alert>
      ) : null}

      <blockquote className="mt-6 border-l-4 border-brand-600 pl-4 text-lg text-pretty text-neutral-900">{survey.question}</blockquote>

      <dl className="mt-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="NPS" value={formatNps(summary.nps)} detail="all answers so far" />
        <Stat label="Invited" value={number.format(counts.invited)} />
        <Stat label="Answered" value={number.format(counts.answered)} detail={counts.invited ? `${Math.round((counts.answered * 100) / counts.invited)} % of invited` : undefined} />
        <Stat label="Promoters · passives · detractors" value={`${summary.promoters} · ${summary.passives} · ${summary.detractors}`} />
      </dl>

      <section className="mt-10" aria-labelledby="answers-heading">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="answers-heading" className="text-lg font-semibold text-neutral-900">
            Answers{responses.total ? ` (${number.format(responses.total)})` : ""}
          </h2>
          {responses.total ? (
            <a href={`/admin/surveys/${survey.id}/responses.csv`} className={buttonClasses("secondary", "sm")} download>
              Download CSV
            </a>
          ) : null}
        </div>
        {responses.rows.length === 0 ? (
          <EmptyState
            className="mt-3"
            title={page > 1 ? "No answers on this page" : "No answers yet"}
            description={page > 1 ? "There are fewer answers than that: go back to the first page." : "Answers show here, newest first, with the member's comment, as they come in from the app and from the email link."}
          />
        ) : (
          <ul className="mt-3 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white" aria-label="Answers, newest first">
            {responses.rows.map((r) => {
              const category = npsCategory(r.score);
              return (
                <li key={r.id} className="grid gap-2 px-4 py-4 sm:grid-cols-[7rem_minmax(0,1fr)]">
                  <div className="flex items-center gap-2 sm:flex-col sm:items-start">
                    <span className="text-2xl font-semibold text-neutral-900 tabular-nums">
                      {r.score}
                      <span className="sr-only"> out of 10</span>
                    </span>
                    <Badge tone={TONES[category]}>{CATEGORY_LABELS[category]}</Badge>
                  </div>
                  <div className="min-w-0 space-y-1 text-sm">
                    {r.comment ? <p className="text-base break-words whitespace-pre-line text-neutral-900">{r.comment}</p> : <p className="text-neutral-600 italic">No comment</p>}
                    <p className="break-all text-neutral-600">
                      {r.name ? `${r.name} · ` : ""}
                      {r.email}
                    </p>
                    <p className="text-neutral-600">
                      {formatDateTime(r.answeredAt)} · {r.via === "email" ? "from the email link" : "in the app"}
                      {r.experience ? ` · about ${r.experience.title}, ${formatDate(r.experience.startsAt)}` : ""}
                    </p>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        {pages > 1 ? (
          <nav aria-label="Answer pages" className="mt-4 flex items-center justify-between gap-3 text-sm">
            {page > 1 ? (
              <Link href={`/admin/surveys/${survey.id}?page=${page - 1}`} className={buttonClasses("secondary", "sm")}>
                Newer
              </Link>
            ) : (
              <span />
            )}
            <span className="text-neutral-600">
              Page {page} of {pages}
            </span>
            {page < pages ? (
              <Link href={`/admin/surveys/${survey.id}?page=${page + 1}`} className={buttonClasses("secondary", "sm")}>
                Older
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>

      <Card className="mt-10">
        <CardHeader>
          <CardTitle>Settings</CardTitle>
          <CardDescription>Changes apply from the next daily run; each one is recorded in the audit log with your reason.</CardDescription>
        </CardHeader>
        <CardContent>
          <SurveyForm survey={survey} invited={counts.invited} action={updateSurveyAction} />
        </CardContent>
      </Card>
    </div>
  );
}
