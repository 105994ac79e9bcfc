import { Link, Text } from "@react-email/components";
import { EmailButton, EmailLayout } from "./email-layout";

export type SurveyInvitationProps = {
  name: string | null;
  /** The survey's 0–10 question, as the admin wrote it. */
  question: string;
  /** For experience surveys: the experience and when it was, formatted at the edge. */
  about: string | null;
  /** e.g. "100 points"; null when answering earns nothing now. */
  points: string | null;
  /** The answer page for this invitation; its token answers it without signing in. */
  answerUrl: string;
  /** The same survey in the app, for someone who would rather sign in. */
  appUrl: string;
  /** e.g. "Jan 31, 2027". */
  closesOn: string;
};

export function SurveyInvitationEmail({
  name = "Morgan",
  question = "How likely are you to recommend Cairn to a friend or colleague?",
  about = "Sunrise kayak tour, Nov 28, 2026",
  points = "100 points",
  answerUrl = "http://localhost:3000/surveys/reply/preview-token-preview-token-preview-token-pr",
  appUrl = "http://localhost:3000/surveys/00000000-0000-0000-0000-000000000000",
  closesOn = "Jan 31, 2027",
}: Partial<SurveyInvitationProps>) {
  return (
    <EmailLayout preview={about ? `How was ${about.split(",")[0]}? One question, 0 to 10.` : "One quick question, 0 to 10."}>
      <Text style={{ fontSize: 16, color: "#111827" }}>
        {name ? `${name}, ` : ""}
        {about ? (
          <>
            thanks for joining us at <strong>{about}</strong>. One quick question:
          </>
        ) : (
          "one quick question about your membership so far:"
        )}
      </Text>
      <Text style={{ fontSize: 17, color: "#111827", fontWeight: 600 }}>{question}</Text>
      <Text style={{ fontSize: 15, color: "#111827" }}>
        Pick a score from 0 (not at all likely) to 10 (extremely likely) and, if you like, tell us why.
        {points ? ` Answering earns you ${points}.` : ""}
      </Text>
      <EmailButton href={answerUrl}>Answer the question</EmailButton>
      <Text style={{ fontSize: 13, color: "#4b5563", marginTop: 20 }}>
        The button opens a page that takes one answer from you, without signing in — please don&apos;t forward this email. It closes on {closesOn}. You can also answer
        in the app: <Link href={appUrl}>{appUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

export default SurveyInvitationEmail;
