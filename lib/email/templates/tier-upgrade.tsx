import { Text } from "@react-email/components";
import { EmailButton, EmailLayout } from "./email-layout";

export type TierUpgradeProps = {
  name: string | null;
  tierName: string;
  /** Formatted at the edge, e.g. "1.5×"; null when the tier has no points boost. */
  multiplier: string | null;
  benefits: string[];
  dashboardUrl: string;
};

export function TierUpgradeEmail({
  name = "Morgan",
  tierName = "Gold",
  multiplier = "1.5×",
  benefits = ["1.5× points", "Member events", "Free shipping"],
  dashboardUrl = "http://localhost:3000/dashboard",
}: Partial<TierUpgradeProps>) {
  return (
    <EmailLayout preview={`You've reached ${tierName}`}>
      <Text style={{ fontSize: 16, color: "#111827" }}>
        {name ? `${name}, you` : "You"}&apos;ve reached <strong>{tierName}</strong>.
      </Text>
      <Text style={{ fontSize: 15, color: "#111827" }}>
        {multiplier ? `From now on you earn ${multiplier} points on purchases. ` : ""}
        Your tier is based on what you earn over the last 12 months.
      </Text>
      {benefits.length ? (
        <Text style={{ fontSize: 15, color: "#111827", margin: "4px 0 20px" }}>
          <strong>Your {tierName} benefits:</strong>
          {benefits.map((benefit) => (
            <span key={benefit}>
              <br />• {benefit}
            </span>
          ))}
        </Text>
      ) : null}
      <EmailButton href={dashboardUrl}>
        See your tier
      </EmailButton>
    </EmailLayout>
  );
}

export default TierUpgradeEmail;
