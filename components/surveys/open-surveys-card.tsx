import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDate, formatPoints } from "@/lib/format";

export type OpenSurvey = { id: string; question: string; experience: { title: string; startsAt: Date } | null; expiresAt: Date };

/** The dashboard's "surveys waiting for you" card; renders nothing when there are none. */
export function OpenSurveysCard({ surveys, points }: { surveys: OpenSurvey[]; points: number | null }) {
  if (!surveys.length) return null;
  return (
    <Card className="mt-4">
      <CardHeader>
        <CardTitle>{surveys.length === 1 ? "A quick question for you" : `${surveys.length} quick questions for you`}</CardTitle>
        <CardDescription>
          One score from 0 to 10, and a comment if you like.{points ? ` Each answer earns ${formatPoints(points)}.` : ""}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="divide-y divide-neutral-200">
          {surveys.map((s) => (
            <li key={s.id} className="flex flex-col gap-3 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0 text-sm">
                <p className="font-medium text-pretty text-neutral-900">{s.experience ? `About ${s.experience.title} (${formatDate(s.experience.startsAt)})` : s.question}</p>
                <p className="text-neutral-600">Open until {formatDate(s.expiresAt)}</p>
              </div>
              <Link href={`/surveys/${s.id}`} className={buttonClasses("secondary", "sm")}>
                Answer<span className="sr-only"> {s.experience ? `the survey about ${s.experience.title}` : "the survey"}</span>
              </Link>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
