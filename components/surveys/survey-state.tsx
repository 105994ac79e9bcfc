import { Alert } from "@/components/ui/alert";
import { formatDate } from "@/lib/format";

type Closed = { state: "open" | "answered" | "closed"; answeredAt: Date | null; score: number | null; expiresAt: Date };

/** What a survey page shows instead of the form: already answered, or closed. */
export function SurveyState({ invitation }: { invitation: Closed }) {
  if (invitation.state === "answered" && invitation.answeredAt) {
    return (
      <Alert tone="success" title="You've answered this one — thank you">
        <p>
          You gave it {invitation.score} out of 10 on {formatDate(invitation.answeredAt)}. Only the first answer counts, so there is nothing more to do.
        </p>
      </Alert>
    );
  }
  return (
    <Alert tone="info" title="This survey has closed">
      <p>It took answers until {formatDate(invitation.expiresAt)}. Thanks all the same — we&apos;ll ask again another time.</p>
    </Alert>
  );
}
