import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/admin/back-link";
import { DateRangeForm } from "@/components/admin/date-range-form";
import { NpsTable } from "@/components/surveys/nps-table";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDate } from "@/lib/format";
import { parseDateRange } from "@/lib/reports/date-range";
import { listSurveysForAdmin, type AdminSurveyRow } from "@/lib/surveys/admin";
import { npsByMonth, npsSummary } from "@/lib/surveys/nps";
import { formatNps } from "@/lib/surveys/nps-score";
import { TRIGGER_LABELS } from "@/lib/surveys/schemas";
import { Stat } from "@/components/admin/stat";

export const metadata: Metadata = { title: "Surveys · Admin" };

const number = new Intl.NumberFormat("en-US");
const percent = (part: number, whole: number) => (whole ? `${Math.round((part * 100) / whole)} %` : "—");

function StatusBadge({ active }: { active: boolean }) {
  return (
    <Badge tone={active ? "success" : "neutral"} dot>
      {active ? "Active" : "Off"}
    </Badge>
  );
}

const when = (s: AdminSurveyRow) => `${TRIGGER_LABELS[s.trigger]}, ${s.delayDays === 0 ? "same day" : `${s.delayDays} ${s.delayDays === 1 ? "day" : "days"}`}`;

export default async function AdminSurveysPage({ searchParams }: PageProps<"/admin/surveys">) {
  await requireAdmin("/admin/surveys");
  const dates = parseDateRange(await searchParams);
  const [rows, summary, months] = await Promise.all([listSurveysForAdmin(), npsSummary(dates.range), npsByMonth(dates.range)]);
  const period = `${formatDate(dates.range.from)} – ${formatDate(new Date(dates.range.toExclusive.getTime() - 1))}`;

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink />
      <PageHeader
        className="mt-2"
        title="Surveys"
        description="NPS surveys sent by the daily job a number of days after a member joins or after an experience. Answering earns the “survey” earning rule's points, once per survey sent."
        actions={
          <Link href="/admin/surveys/new" className={buttonClasses("primary")}>
            New survey
          </Link>
        }
      />

      <section className="mt-8" aria-labelledby="score-heading">
        <h2 id="score-heading" className="text-lg font-semibold text-neutral-900">
          Net Promoter Score
        </h2>
        <p className="mt-1 text-sm text-neutral-600">
          All surveys, answers given {period}. Promoters answer 9–10, detractors 0–6; NPS is the share of promoters minus the share of detractors.
        </p>
        <dl className="mt-3 grid grid-cols-2 gap-3 lg:grid-cols-4">
          <Stat label="NPS" value={formatNps(summary.nps)} detail={summary.responses ? undefined : "no answers yet"} />
          <Stat label="Answers" value={number.format(summary.responses)} />
          <Stat label="Promoters" value={percent(summary.promoters, summary.responses)} detail={`${number.format(summary.promoters)} answered 9–10`} />
          <Stat label="Detractors" value={percent(summary.detractors, summary.responses)} detail={`${number.format(summary.detractors)} answered 0–6`} />
        </dl>
        <div className="mt-6">
          <DateRangeForm result={dates} action="/admin/surveys" />
        </div>
        <div className="mt-4">
          <NpsTable rows={months} caption={`NPS by month, ${period}`} />
        </div>
      </section>

      <section className="mt-10" aria-labelledby="surveys-heading">
        <h2 id="surveys-heading" className="text-lg font-semibold text-neutral-900">
          All surveys
        </h2>
        {rows.length === 0 ? (
          <EmptyState
            className="mt-3"
            title="No surveys yet"
            description="Create one to ask members how likely they are to recommend you, a few days after they join or after an experience."
            action={
              <Link href="/admin/surveys/new" className={buttonClasses("secondary")}>
                New survey
              </Link>
            }
          />
        ) : (
          <>
            {/* Phones: one card per survey. */}
            <ul className="mt-3 space-y-3 md:hidden">
              {rows.map((s) => (
                <li key={s.id}>
                  <Card>
                    <CardContent className="space-y-3">
                      <div className="flex items-start justify-between gap-3">
                        <div className="min-w-0">
                          <p className="font-semibold break-words text-neutral-900">{s.name}</p>
                          <p className="text-sm text-neutral-600">{when(s)}</p>
                        </div>
                        <StatusBadge active={s.active} />
                      </div>
                      <dl className="grid grid-cols-3 gap-x-4 text-sm">
                        <div>
                          <dt className="text-neutral-600">Invited</dt>
                          <dd className="tabular-nums">{number.format(s.invited)}</dd>
                        </div>
                        <div>
                          <dt className="text-neutral-600">Answered</dt>
                          <dd className="tabular-nums">
                            {number.format(s.answered)} <span className="text-neutral-600">({percent(s.answered, s.invited)})</span>
                          </dd>
                        </div>
                        <div>
                          <dt className="text-neutral-600">NPS</dt>
                          <dd className="font-semibold tabular-nums">{formatNps(s.nps)}</dd>
                        </div>
                      </dl>
                      <Link href={`/admin/surveys/${s.id}`} className={buttonClasses("secondary", "sm", "w-full")}>
                        Answers and settings<span className="sr-only"> for {s.name}</span>
                      </Link>
                    </CardContent>
                  </Card>
                </li>
              ))}
            </ul>

            {/* Wider screens: a table. */}
            <div className="mt-3 hidden overflow-hidden rounded-lg border border-neutral-200 bg-white md:block">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Surveys, with all-time counts and NPS</caption>
                <thead className="bg-neutral-50 text-neutral-600">
                  <tr>
                    <th scope="col" className="px-4 py-3 font-medium">
                      Survey
                    </th>
                    <th scope="col" className="px-4 py-3 font-medium">
                      Sent
                    </th>
                    <th scope="col" className="px-4 py-3 text-right font-medium">
                      Invited
                    </th>
                    <th scope="col" className="px-4 py-3 text-right font-medium">
                      Answered
                    </th>
                    <th scope="col" className="px-4 py-3 text-right font-medium">
                      NPS
                    </th>
                    <th scope="col" className="px-4 py-3 font-medium">
                      Status
                    </th>
                    <th scope="col" className="px-4 py-3 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-neutral-200">
                  {rows.map((s) => (
                    <tr key={s.id} className="align-top">
                      <th scope="row" className="max-w-xs px-4 py-3 font-normal">
                        <span className="block font-medium text-neutral-900">{s.name}</span>
                        <span className="block text-neutral-600">{s.question}</span>
                      </th>
                      <td className="px-4 py-3">{when(s)}</td>
                      <td className="px-4 py-3 text-right tabular-nums">{number.format(s.invited)}</td>
                      <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums">
                        {number.format(s.answered)} <span className="text-neutral-600">({percent(s.answered, s.invited)})</span>
                      </td>
                      <td className="px-4 py-3 text-right font-semibold tabular-nums">{formatNps(s.nps)}</td>
                      <td className="px-4 py-3">
                        <StatusBadge active={s.active} />
                      </td>
                      <td className="px-4 py-3 text-right whitespace-nowrap">
                        <Link href={`/admin/surveys/${s.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                          Open<span className="sr-only"> {s.name}</span>
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
