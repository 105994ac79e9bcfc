import { Text } from "@react-email/components";
import { EmailButton, EmailLayout } from "./email-layout";

export type SessionCancelledProps = {
  name: string | null;
  rewardTitle: string;
  /** Formatted at the edge, in the session's time zone. */
  when: string;
  reason: string;
  /** Formatted, e.g. "1,200 points". */
  refunded: string;
  rewardsUrl: string;
};

export function SessionCancelledEmail({
  name = "Morgan",
  rewardTitle = "Sunrise kayak tour",
  when = "Sat, Jun 14, 2025, 6:00 AM (America/Los_Angeles)",
  reason = "High winds are forecast, so the harbour master has closed the bay.",
  refunded = "1,200 points",
  rewardsUrl = "http://localhost:3000/rewards",
}: Partial<SessionCancelledProps>) {
  return (
    <EmailLayout preview={`Cancelled: ${rewardTitle}`}>
      <Text style={{ fontSize: 16, color: "#111827" }}>
        {name ? `${name}, we're` : "We're"} sorry: <strong>{rewardTitle}</strong> on {when} has been cancelled.
      </Text>
      <Text style={{ fontSize: 15, color: "#111827" }}>{reason}</Text>
      <Text style={{ fontSize: 15, color: "#111827" }}>
        Your booking is cancelled and the <strong>{refunded}</strong> you spent are back in your balance. Your ticket is no longer valid.
      </Text>
      <EmailButton href={rewardsUrl}>
        Find another experience
      </EmailButton>
    </EmailLayout>
  );
}

export default SessionCancelledEmail;
