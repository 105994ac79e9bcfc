import { Text } from "@react-email/components";
import { EmailButton, EmailLayout } from "./email-layout";

export type WaitlistOfferProps = {
  name: string | null;
  rewardTitle: string;
  /** The session, formatted in its own time zone. */
  when: string;
  where: string | null;
  /** Formatted at the edge, e.g. "800 points". */
  points: string;
  /** When the held seat passes to the next person, formatted. */
  expiresAt: string;
  acceptUrl: string;
};

export function WaitlistOfferEmail({
  name = "Quinn",
  rewardTitle = "Sunrise kayak tour",
  when = "Sat, Dec 5, 2026, 6:00 AM – 9:00 AM PST",
  where = "Harbor boathouse, Dock 3",
  points = "800 points",
  expiresAt = "Nov 23, 2026, 5:00 PM UTC",
  acceptUrl = "http://localhost:3000/rewards/sunrise-kayak-tour",
}: Partial<WaitlistOfferProps>) {
  return (
    <EmailLayout preview={`A seat opened up: ${rewardTitle}`}>
      <Text style={{ fontSize: 16, color: "#111827" }}>
        {name ? `${name}, good news` : "Good news"}: a seat opened up on <strong>{rewardTitle}</strong> and we&apos;re holding it for you.
      </Text>
      <Text style={{ fontSize: 15, color: "#111827" }}>
        <strong>When:</strong> {when}
        {where ? (
          <>
            <br />
            <strong>Where:</strong> {where}
          </>
        ) : null}
        <br />
        <strong>Cost:</strong> {points}
      </Text>
      <Text style={{ fontSize: 15, color: "#111827" }}>Accept it by {expiresAt}; after that it goes to the next person on the waitlist.</Text>
      <EmailButton href={acceptUrl}>
        Accept your seat
      </EmailButton>
    </EmailLayout>
  );
}

export default WaitlistOfferEmail;
