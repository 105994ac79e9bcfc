import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SurveyAnswerForm } from "@/components/surveys/survey-answer-form";
import { SurveyState } from "@/components/surveys/survey-state";
import { Card, CardContent } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/guards";
import { customerForUser } from "@/lib/ledger/customers";
import { answerSurveyAction } from "@/lib/surveys/actions";
import { getMemberInvitation } from "@/lib/surveys/answer";
import { surveyPoints } from "@/lib/surveys/award";

export const metadata: Metadata = { title: "A quick question" };

/** A signed-in member answers one of their own surveys; anyone else's id is a 404. */
export default async function SurveyPage({ params }: PageProps<"/surveys/[id]">) {
  const { id } = await params;
  const user = await requireUser(`/surveys/${id}`);
  const customer = await customerForUser(user);
  const [invitation, points] = await Promise.all([getMemberInvitation(customer.id, id), surveyPoints()]);
  if (!invitation) notFound();
  return (
    <div className="mx-auto w-full max-w-2xl px-4 py-8 sm:py-10">
      <p>
        <Link href="/dashboard" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline-offset-4 hover:underline sm:min-h-0">
          ← Your dashboard
        </Link>
      </p>
      <h1 className="mt-4 text-2xl font-semibold tracking-tight text-balance text-neutral-900">
        {invitation.experience ? `How was ${invitation.experience.title}?` : "A quick question"}
      </h1>
      <Card className="mt-6">
        <CardContent>
          {invitation.state === "open" ? (
            <SurveyAnswerForm action={answerSurveyAction} hidden={{ invitationId: invitation.id }} question={invitation.question} points={points} doneHref="/dashboard" />
          ) : (
            <SurveyState invitation={invitation} />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
