import type { Metadata } from "next";
import Link from "next/link";
import { SurveyAnswerForm } from "@/components/surveys/survey-answer-form";
import { SurveyState } from "@/components/surveys/survey-state";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { answerSurveyByTokenAction } from "@/lib/surveys/actions";
import { getInvitationByToken } from "@/lib/surveys/answer";
import { surveyPoints } from "@/lib/surveys/award";

// The token in the address is a permission: keep it out of search engines and out of Referer headers.
export const metadata: Metadata = { title: "A quick question", robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * The email's link: no sign-in, because the unguessable token answers exactly its own invitation.
 * This page only reads (mail scanners open links); the answer is the form's POST.
 */
export default async function SurveyReplyPage({ params }: PageProps<"/surveys/reply/[token]">) {
  const { token } = await params;
  const [invitation, points] = await Promise.all([getInvitationByToken(token), surveyPoints()]);
  return (
    <div className="mx-auto w-full max-w-2xl px-4 py-8 sm:py-10">
      <h1 className="text-2xl font-semibold tracking-tight text-balance text-neutral-900">
        {invitation?.experience ? `How was ${invitation.experience.title}?` : "A quick question"}
      </h1>
      <Card className="mt-6">
        <CardContent>
          {!invitation ? (
            <Alert tone="error" title="This link doesn't open a survey">
              <p>
                It may have been cut short when it was copied. Open it again from the email, or <Link href="/sign-in?callbackUrl=%2Fdashboard">sign in</Link> to see the
                surveys waiting for you on your dashboard.
              </p>
            </Alert>
          ) : invitation.state === "open" ? (
            <SurveyAnswerForm action={answerSurveyByTokenAction} hidden={{ token }} question={invitation.question} points={points} />
          ) : (
            <SurveyState invitation={invitation} />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
