import { Text } from "@react-email/components";
import { EmailButton, EmailLayout } from "./email-layout";

export type PointsExpiringProps = {
  name: string | null;
  /** Formatted at the edge, e.g. "1,250 points". */
  points: string;
  /** What those points are worth, e.g. "$12.50"; null when points have no cash value. */
  value: string | null;
  /** The first expiry date among them, e.g. "Dec 22, 2026". */
  expiresOn: string;
  /** Whole days until then (7 or 30 for the scheduled reminders). */
  daysLeft: number;
  pointsUrl: string;
  rewardsUrl: string;
};

export function PointsExpiringEmail({
  name = "Morgan",
  points = "1,250 points",
  value = "$12.50",
  expiresOn = "Dec 22, 2026",
  daysLeft = 30,
  pointsUrl = "http://localhost:3000/points",
  rewardsUrl = "http://localhost:3000/dashboard",
}: Partial<PointsExpiringProps>) {
  const when = daysLeft <= 1 ? "tomorrow" : `in ${daysLeft} days`;
  return (
    <EmailLayout preview={`${points} expire ${when}`}>
      <Text style={{ fontSize: 16, color: "#111827" }}>
        {name ? `${name}, ` : ""}
        <strong>{points}</strong>
        {value ? ` (worth ${value})` : ""} expire {when}, on {expiresOn}.
      </Text>
      <Text style={{ fontSize: 15, color: "#111827" }}>Use them on a reward before then — we always spend the points that expire first.</Text>
      <EmailButton href={rewardsUrl}>
        Use your points
      </EmailButton>
      <Text style={{ fontSize: 13, color: "#4b5563", marginTop: 20 }}>See when each of your points expires: {pointsUrl}</Text>
    </EmailLayout>
  );
}

export default PointsExpiringEmail;
